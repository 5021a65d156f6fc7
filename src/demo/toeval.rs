//! Randomness for the demo data: one ChaCha8 stream per generated file (so changing one file's
//! generator leaves the others' bytes alone), integer-only draws (no transcendental floating
//! point, whose last bit may differ between platforms), and the exact division of a money total
//! over lines (largest remainder, in integer cents).

use rand::Rng as _;
use rand::SeedableRng as _;
use rand::distributions::{Distribution as _, WeightedIndex};
use rand::seq::SliceRandom as _;
use rand_chacha::ChaCha8Rng;

/// The streams, one per generator.
#[derive(Debug, Clone, Copy)]
#[repr(u64)]
pub(crate) enum Stroom {
    Personeel = 1,
    Hulpvragen = 2,
    Uren = 3,
    Activiteiten = 4,
    Realisatie = 5,
    Fouten = 6,
    /// The revision-3 marks on hulpvragen (Proeftuin, crisis handling): a stream of its own, so
    /// the other hulpvragen fields keep their values.
    Proeftuin = 7,
    /// contacten.csv (revision 3).
    Contacten = 8,
}

/// A deterministic random source.
pub(crate) struct Toeval(ChaCha8Rng);

impl Toeval {
    /// The stream `stroom` of the generator seeded with `seed`.
    pub(crate) fn new(seed: u64, stroom: Stroom) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stroom as u64);
        Toeval(rng)
    }

    /// A uniform integer in `a..=b`.
    pub(crate) fn tussen(&mut self, a: i64, b: i64) -> i64 {
        debug_assert!(a <= b);
        self.0.gen_range(a..=b)
    }

    /// An index below `n` (n > 0); drawn as a u64 so 32- and 64-bit platforms agree.
    pub(crate) fn index(&mut self, n: usize) -> usize {
        self.0.gen_range(0..n as u64) as usize
    }

    /// True with probability `p` per mille.
    pub(crate) fn promille(&mut self, p: u32) -> bool {
        self.0.gen_range(0..1000u32) < p
    }

    /// One of `opties`, chosen with the given integer weights.
    pub(crate) fn kies<T: Copy>(&mut self, opties: &[(T, u32)]) -> T {
        opties
            .choose_weighted(&mut self.0, |o| o.1)
            .expect("gewichten zijn geldig")
            .0
    }

    /// A number of days from a table of `(van, tot, gewicht)` buckets: a bucket by weight, then a
    /// uniform value inside it.
    pub(crate) fn uit_klassen(&mut self, klassen: &[(i64, i64, u32)]) -> i64 {
        let (van, tot, _) = *klassen
            .choose_weighted(&mut self.0, |k| k.2)
            .expect("gewichten zijn geldig");
        self.tussen(van, tot)
    }

    /// An index drawn from a prepared weighted distribution (for long tables drawn from often).
    pub(crate) fn trek(&mut self, verdeling: &WeightedIndex<u32>) -> usize {
        verdeling.sample(&mut self.0)
    }

    /// Shuffles a slice.
    pub(crate) fn schud<T>(&mut self, v: &mut [T]) {
        v.shuffle(&mut self.0);
    }
}

/// Divides `totaal` (cents, ≥ 0) over lines in proportion to `gewichten`, exactly: every line
/// gets the floor of its share, and the cents left go to the lines with the largest remainders
/// (ties: the earlier line). All weights zero: everything on the first line.
pub(crate) fn verdeel(totaal: i64, gewichten: &[u64]) -> Vec<i64> {
    assert!(totaal >= 0, "verdeel: negatief totaal");
    if gewichten.is_empty() {
        return Vec::new();
    }
    let som: i128 = gewichten.iter().map(|&g| g as i128).sum();
    if som == 0 {
        let mut v = vec![0; gewichten.len()];
        v[0] = totaal;
        return v;
    }
    let t = totaal as i128;
    let mut delen: Vec<i64> = Vec::with_capacity(gewichten.len());
    let mut resten: Vec<(i128, usize)> = Vec::with_capacity(gewichten.len());
    for (i, &g) in gewichten.iter().enumerate() {
        let teller = t * g as i128;
        delen.push((teller / som) as i64);
        resten.push((teller % som, i));
    }
    let over = totaal - delen.iter().sum::<i64>();
    resten.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in resten.iter().take(over as usize) {
        delen[i] += 1;
    }
    delen
}

/// `a × b / c` rounded half away from zero, in integers (b, c > 0).
pub(crate) fn schaal(a: i64, b: i64, c: i64) -> i64 {
    let t = a as i128 * b as i128;
    let c = c as i128;
    let q = if t >= 0 {
        (2 * t + c) / (2 * c)
    } else {
        -((-2 * t + c) / (2 * c))
    };
    q as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdeel_is_exact_and_fair() {
        assert_eq!(verdeel(100, &[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(verdeel(10, &[0, 0]), vec![10, 0]);
        assert_eq!(verdeel(7, &[2, 5]), vec![2, 5]);
        assert_eq!(verdeel(1001, &[1, 2, 3, 4]), vec![100, 200, 300, 401]);
        let v = verdeel(123_456_789, &[17, 3, 999, 1, 0, 42]);
        assert_eq!(v.iter().sum::<i64>(), 123_456_789);
        assert_eq!(v[4], 0);
    }

    #[test]
    fn schaal_rounds_half_away_from_zero() {
        assert_eq!(schaal(5, 1, 2), 3);
        assert_eq!(schaal(-5, 1, 2), -3);
        assert_eq!(schaal(20_929_563, 11_551, 10_000), 24_175_738);
        assert_eq!(schaal(4, 1, 3), 1);
    }

    #[test]
    fn streams_are_reproducible_and_independent() {
        let a: Vec<i64> = {
            let mut t = Toeval::new(42, Stroom::Uren);
            (0..5).map(|_| t.tussen(0, 1_000_000)).collect()
        };
        let b: Vec<i64> = {
            let mut t = Toeval::new(42, Stroom::Uren);
            (0..5).map(|_| t.tussen(0, 1_000_000)).collect()
        };
        let c: Vec<i64> = {
            let mut t = Toeval::new(42, Stroom::Hulpvragen);
            (0..5).map(|_| t.tussen(0, 1_000_000)).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
