#!/usr/bin/env python3
"""Herberekening van het financiële werkboek in LibreOffice (headless).

Controleert dat de formules van `halfjaar-financieel.xlsx` echt rekenen:

1. LibreOffice rekent het ongewijzigde werkboek opnieuw door; elke formulecel van het blad
   Overzicht houdt dezelfde waarde als de opgeslagen (door domeinrapport berekende) waarde.
2. Eén boeking van de eerste begrotingsregel op het blad Boekingen gaat € 10.000 omhoog; na
   herberekening stijgen de realisatie (SUMIFS over Boekingen) en het verschil van die regel,
   het subtotaal van de werksoort, het subtotaal van de financiering en het totaal precies
   € 10.000, het verschil % van de regel beweegt mee en de V/N-kolom (V = voordeel, verschil
   onder nul; N = nadeel, boven nul) volgt het nieuwe verschil.

Gebruik (Debian: apt-get install libreoffice-calc python3-uno):
    /usr/bin/python3 scripts/herberekening.py out/2024-H1/halfjaar-financieel.xlsx
Uitgang 0 als alles klopt, 1 bij een afwijking, 2 bij een gebruiks- of startfout.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:
    print("python3-uno ontbreekt: apt-get install libreoffice-calc python3-uno", file=sys.stderr)
    sys.exit(2)

KOP_RIJ = 6  # 0-based row of the table header on the Overzicht sheet
C_WS, C_ID, C_FIN, C_BP, C_RP, C_VS, C_VN, C_PCT = 0, 1, 3, 5, 6, 7, 8, 9
KOLOMMEN = 19  # columns of the Overzicht table
BOEKING_KOP_RIJ = 3  # 0-based row of the table header on the Boekingen sheet
C_BOEKING_REGEL, C_BOEKING_BEDRAG = 2, 5
EXTRA = 10000.0


def prop(naam, waarde):
    p = PropertyValue()
    p.Name = naam
    p.Value = waarde
    return p


def verbind(pijp):
    lokaal = uno.getComponentContext()
    resolver = lokaal.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", lokaal)
    for _ in range(100):
        try:
            return resolver.resolve(f"uno:pipe,name={pijp};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.2)
    raise RuntimeError("LibreOffice start niet")


def main():
    if len(sys.argv) != 2 or not os.path.isfile(sys.argv[1]):
        print(__doc__, file=sys.stderr)
        return 2
    profiel = tempfile.mkdtemp(prefix="lo-profiel-")
    pijp = f"domeinrapport{os.getpid()}"
    soffice = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profiel}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pijp};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        ctx = verbind(pijp)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(sys.argv[1]))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        return controleer(doc)
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass
        else:
            soffice.terminate()
        soffice.wait(timeout=30)
        shutil.rmtree(profiel, ignore_errors=True)


def controleer(doc):
    blad = doc.Sheets.getByName("Overzicht")
    fouten = []

    def cel(r, c):
        return blad.getCellByPosition(c, r)

    # The formula cells and their stored values, as the file was opened.
    formules = {}
    for r in range(KOP_RIJ + 1, KOP_RIJ + 200):
        for c in range(0, KOLOMMEN):
            x = cel(r, c)
            if x.getFormula().startswith("="):
                formules[(r, c)] = (x.getFormula(), x.getValue(), x.getString())
    doc.calculateAll()
    gelijk = 0
    for (r, c), (f, waarde, tekst) in formules.items():
        x = cel(r, c)
        if abs(x.getValue() - waarde) > 0.005 or x.getString() != tekst:
            fouten.append(f"{f} in rij {r + 1}: opgeslagen {tekst!r}, herberekend {x.getString()!r}")
        else:
            gelijk += 1
    print(f"Herberekening zonder wijziging: {gelijk} van {len(formules)} formulecellen ongewijzigd.")

    # Locate the first line, its werksoort and financiering subtotal rows, and the grand total.
    eerste = KOP_RIJ + 1
    ws, fin = cel(eerste, C_WS).getString(), cel(eerste, C_FIN).getString()
    rijen = {}
    for r in range(eerste, eerste + 200):
        a, b = cel(r, 0).getString(), cel(r, 2).getString()
        if a == f"Subtotaal {ws}":
            rijen["werksoort"] = r
        elif a == f"Subtotaal {fin}":
            rijen["financiering"] = r
        elif a == "Totaal":
            rijen["totaal"] = r
    if len(rijen) != 3:
        fouten.append(f"subtotaal- of totaalrij niet gevonden: {rijen}")
        return rapport(fouten)
    rijen["regel"] = eerste

    voor = {k: (cel(r, C_RP).getValue(), cel(r, C_VS).getValue()) for k, r in rijen.items()}
    pct_voor = cel(eerste, C_PCT).getValue()
    # The kosten per afgesloten hulpvraag of the same werksoort (sheet "Kosten per resultaat").
    kosten = doc.Sheets.getByName("Kosten per resultaat") if doc.Sheets.hasByName("Kosten per resultaat") else None
    krij = None
    if kosten is not None:
        for r in range(4, 20):
            if kosten.getCellByPosition(0, r).getString() == ws:
                krij = r
        if krij is None:
            fouten.append(f"werksoort {ws} niet gevonden op het blad Kosten per resultaat")
    if krij is not None:
        k_real_voor = kosten.getCellByPosition(2, krij).getValue()
    # Change one booking of the first line on the Boekingen sheet, not the realisatie itself.
    boekingen = doc.Sheets.getByName("Boekingen")
    regel_id = cel(eerste, C_ID).getString()
    boeking = None
    for r in range(BOEKING_KOP_RIJ + 1, BOEKING_KOP_RIJ + 200000):
        id_cel = boekingen.getCellByPosition(C_BOEKING_REGEL, r)
        if id_cel.getString() == "":
            break
        if id_cel.getString() == regel_id:
            boeking = boekingen.getCellByPosition(C_BOEKING_BEDRAG, r)
            break
    if boeking is None:
        fouten.append(f"geen boeking van {regel_id} op het blad Boekingen")
        return rapport(fouten)
    if not cel(eerste, C_RP).getFormula().startswith("=SUMIFS("):
        fouten.append(f"realisatie van {regel_id} is geen SUMIFS over Boekingen")
    boeking.setValue(boeking.getValue() + EXTRA)
    doc.calculateAll()
    for k, r in rijen.items():
        d_real = cel(r, C_RP).getValue() - voor[k][0]
        d_vers = cel(r, C_VS).getValue() - voor[k][1]
        print(f"  {k:12} realisatie {d_real:+.2f}, verschil {d_vers:+.2f}")
        if abs(d_real - EXTRA) > 0.005 or abs(d_vers - EXTRA) > 0.005:
            fouten.append(f"{k}: verschil beweegt {d_vers:+.2f} in plaats van {EXTRA:+.2f}")
    for k, r in rijen.items():
        vs, vn = cel(r, C_VS).getValue(), cel(r, C_VN).getString()
        verwacht_vn = "V" if round(vs, 2) < 0 else ("N" if round(vs, 2) > 0 else "")
        print(f"  {k:12} V/N {vn!r} bij verschil {vs:+.2f}")
        if vn != verwacht_vn:
            fouten.append(f"{k}: V/N is {vn!r}, verwacht {verwacht_vn!r} bij verschil {vs:+.2f}")
    pct_na = cel(eerste, C_PCT).getValue()
    bp = cel(eerste, C_BP).getValue()
    verwacht = (voor["regel"][1] + EXTRA) / bp if bp else 0.0
    print(f"  verschil % regel: {pct_voor:.6f} -> {pct_na:.6f} (verwacht {verwacht:.6f})")
    if bp and abs(pct_na - verwacht) > 1e-9:
        fouten.append("verschil % van de regel rekent niet mee")
    if krij is not None:
        real = kosten.getCellByPosition(2, krij).getValue()
        afg = kosten.getCellByPosition(3, krij).getValue()
        kpa = kosten.getCellByPosition(4, krij)
        print(f"  kosten per afgesloten {ws}: realisatie {real - k_real_voor:+.2f}, nu {kpa.getString()} ({afg:.0f} afgesloten)")
        if abs(real - k_real_voor - EXTRA) > 0.005:
            fouten.append("de realisatie op het blad Kosten per resultaat rekent niet mee")
        if afg and abs(kpa.getValue() - round(real / afg, 2)) > 0.005:
            fouten.append("kosten per afgesloten hulpvraag rekent niet mee")
    return rapport(fouten)


def rapport(fouten):
    if fouten:
        print(f"AFWIJKINGEN ({len(fouten)}):")
        for f in fouten[:20]:
            print(f"  - {f}")
        return 1
    bedrag = f"{EXTRA:,.0f}".replace(",", ".")
    print(f"In orde: na een boeking van € {bedrag} meer rekenen realisatie, verschil, V/N, subtotalen en totaal mee.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
