#!/usr/bin/env python3
"""Generates tests/Cpu.Tests/SystemRegisters/arm-system-registers.tsv from d23-tables.txt.

d23-tables.txt holds the rows of the Arm ARM's System register encoding tables (D23.2, Table
D23-1, op0 = 0b10; D23.3, Table D23-2, op0 = 0b11) as the manual prints them, with their
encoding patterns ("0b10:m[4:3]", "m[2:0]"). This script expands every pattern into one row per
encoding, merges rows that share an encoding (DBGDTRRX_EL0 / DBGDTRTX_EL0), and adds the feature
that introduces each register (FEATURES below, by the Arm ARM's feature names). It fails on a
register no rule classifies, so a new table row cannot slip through unclassified.

Usage: python3 tools/sysreg-index/generate.py   (from the repository root; rewrites the TSV)
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "d23-tables.txt")
TARGET = os.path.join(HERE, "..", "..", "tests", "Cpu.Tests", "SystemRegisters", "arm-system-registers.tsv")

WIDTH = {"op1": 3, "crn": 4, "crm": 4, "op2": 3}

# The largest <n> each indexed register family has (Arm ARM register descriptions); the other
# families take every value their bits allow.
LIMIT = {"PMEVCNTR<m>_EL0": 30, "PMEVTYPER<m>_EL0": 30, "PMEVCNTSVR<m>_EL1": 30}

# (regular expression on the name, feature). First match wins. "Armv8.0" registers are those of
# the base architecture; "Armv8.0-Debug" the self-hosted debug registers every Armv8.0 PE has;
# "FEAT_PMUv3" the Armv8.0 PMU; "GICv3" the GIC CPU interface System registers (ID_AA64PFR0_EL1.GIC);
# "ID" an allocated register of the ID space (op0 3, op1 0, CRn 0, CRm 1..7: RAZ when its feature
# is absent); "EL2"/"EL3" the registers of those Exception levels; "Debug-state" registers
# accessible only in Debug state; "EL1-highest" registers present only when EL1 is the highest
# Exception level.
FEATURES = [
    (r"^(MIDR|MPIDR|REVIDR)_EL1$", "Armv8.0"),
    (r"^(ID_|MVFR)", "ID"),
    (r"_EL12$|_EL02$", "FEAT_VHE"),
    (r"^DBGVCR32_EL2$", "EL2"),
    (r"^(BRB)", "FEAT_BRBE"),
    (r"^SPM", "FEAT_SPMU"),
    (r"^TRFCR_", "FEAT_TRF"),
    (r"^TRCITECR_|^TRCITEEDCR$", "FEAT_ITE"),
    (r"^TRB", "FEAT_TRBE"),
    (r"^TRC", "FEAT_ETE"),
    (r"^(PMCCNTSVR|PMEVCNTSVR<m>|PMICNTSVR)_EL1$|^PMSSCR_EL1$", "FEAT_PMUv3_SS"),
    (r"^PMICNTR_EL0$|^PMICFILTR_EL0$", "FEAT_PMUv3_ICNTR"),
    (r"^PMZR_EL0$|^PMUACR_EL1$", "FEAT_PMUv3p9"),
    (r"^PMECR_EL1$|^PM$", "FEAT_EBEP"),
    (r"^PMIAR_EL1$", "FEAT_SEBEP"),
    (r"^PMMIR_EL1$", "FEAT_PMUv3p4"),
    (r"^(PMS|PMB).*_EL[12]$", "FEAT_SPE"),
    (r"^PM", "FEAT_PMUv3"),
    (r"^MDSELR_EL1$", "FEAT_Debugv8p9"),
    (r"^MDSTEPOP_EL1$", "FEAT_STEP2"),
    (r"^(DSPSR|DLR)_EL0$", "Debug-state"),
    (r"^(OSDTRRX|MDCCINT|MDSCR|OSDTRTX|OSECCR|DBGBVR<m>|DBGBCR<m>|DBGWVR<m>|DBGWCR<m>|MDRAR|OSLAR|OSLSR|OSDLR|DBGPRCR|DBGCLAIMSET|DBGCLAIMCLR|DBGAUTHSTATUS)_EL1$", "Armv8.0-Debug"),
    (r"^(MDCCSR|DBGDTR|DBGDTRRX|DBGDTRTX)_EL0", "Armv8.0-Debug"),
    (r"^(RVBAR|RMR)_EL1$", "EL1-highest"),
    (r"^(SCTLR|ACTLR|CPACR|TTBR0|TTBR1|TCR|SPSR|ELR|AFSR0|AFSR1|ESR|FAR|PAR|MAIR|AMAIR|VBAR|ISR|CONTEXTIDR|TPIDR|CNTKCTL|CCSIDR|CLIDR|AIDR|CSSELR)_EL1$", "Armv8.0"),
    (r"^(SP_EL0|SPSel|CurrentEL|NZCV|DAIF|FPCR|FPSR|CTR_EL0|DCZID_EL0|TPIDR_EL0|TPIDRRO_EL0|CNTFRQ_EL0|CNTPCT_EL0|CNTVCT_EL0)$", "Armv8.0"),
    (r"^CNT[PV]_(TVAL|CTL|CVAL)_EL0$", "Armv8.0"),
    (r"^CNTPS_", "EL3"),
    (r"^ICC_NMIAR1_EL1$", "FEAT_GICv3_NMI"),
    (r"^ICC_.*_EL1$", "GICv3"),
    (r"^SCTLR2", "FEAT_SCTLR2"),
    (r"^(RGSR|GCR|TFSR|TFSRE0|GMID)_EL1$|^TCO$", "FEAT_MTE"),
    (r"^ZCR_", "FEAT_SVE"),
    (r"^(SMPRI|SMCR|SMIDR)_EL1$|^SVCR$|^TPIDR2_EL0$", "FEAT_SME"),
    (r"^RCWS?MASK_EL1$", "FEAT_THE"),
    (r"MASK_EL1$|ALIAS_EL1$", "FEAT_SRMASK"),
    (r"^TCR2_", "FEAT_TCR2"),
    (r"^AP[ID][AB]Key|^APGAKey", "FEAT_PAuth"),
    (r"^GCS", "FEAT_GCS"),
    (r"^PAN$", "FEAT_PAN"),
    (r"^UAO$", "FEAT_UAO"),
    (r"^ALLINT$", "FEAT_NMI"),
    (r"^(ERR|ERX)", "FEAT_RAS"),
    (r"^DISR_EL1$", "FEAT_RAS"),
    (r"^PFAR_", "FEAT_PFAR"),
    (r"^(MAIR2|AMAIR2)_", "FEAT_AIE"),
    (r"^(PIRE0|PIR)_", "FEAT_S1PIE"),
    (r"^POR_", "FEAT_S1POE"),
    (r"^S2POR_EL1$", "FEAT_S2POE"),
    (r"^LOR", "FEAT_LOR"),
    (r"^MPAM", "FEAT_MPAM"),
    (r"^ACCDATA_EL1$", "FEAT_LS64_ACCDATA"),
    (r"^SCXTNUM_", "FEAT_CSV2_2"),
    (r"^CCSIDR2_EL1$", "FEAT_CCIDX"),
    (r"^RNDR", "FEAT_RNG"),
    (r"^DIT$", "FEAT_DIT"),
    (r"^SSBS$", "FEAT_SSBS"),
    (r"^FPMR$", "FEAT_FPMR"),
    (r"^AM", "FEAT_AMUv1"),
    (r"^CNT[PV]CTSS_EL0$", "FEAT_ECV"),
]


def feature(name, op1):
    if op1 == 4 and not name.endswith(("_EL12", "_EL02")):
        if name.startswith("BRB"):
            return "FEAT_BRBE"
        if name.startswith("SPM"):
            return "FEAT_SPMU"
        return "EL2"
    if op1 == 6:
        return "FEAT_SPMU" if name.startswith("SPM") else "EL3"
    for pattern, feat in FEATURES:
        if re.search(pattern, name):
            return feat
    sys.exit(f"generate.py: no feature rule for {name}")


def parse_field(text):
    """A field as a list of parts, most significant first: ('lit', bits) or ('m', hi, lo)."""
    parts = []
    pieces = re.findall(r"0b[01]+|m\[\d+(?::\d+)?\]", text)
    if ":".join(pieces) != text:
        sys.exit(f"generate.py: cannot read field {text!r}")
    for piece in pieces:
        if piece.startswith("0b"):
            parts.append(("lit", piece[2:]))
            continue
        match = re.fullmatch(r"m\[(\d+)(?::(\d+))?\]", piece)
        if not match:
            sys.exit(f"generate.py: cannot read field {text!r}")
        hi = int(match.group(1))
        lo = int(match.group(2)) if match.group(2) is not None else hi
        parts.append(("m", hi, lo))
    return parts


def field_value(parts, m, width):
    value, bits = 0, 0
    for part in parts:
        if part[0] == "lit":
            value = value << len(part[1]) | int(part[1], 2)
            bits += len(part[1])
        else:
            _, hi, lo = part
            n = hi - lo + 1
            value = value << n | (m >> lo) & ((1 << n) - 1)
            bits += n
    if bits != width:
        sys.exit(f"generate.py: field of {bits} bits where {width} are needed: {parts}")
    return value


def main():
    rows = {}
    op0 = None
    with open(SOURCE) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("@op0"):
                op0 = int(line.split()[1], 2)
                continue
            op1s, crns, crms, op2s, access, name = line.split()
            fields = {"op1": parse_field(op1s), "crn": parse_field(crns), "crm": parse_field(crms), "op2": parse_field(op2s)}
            top = max([p[1] for parts in fields.values() for p in parts if p[0] == "m"], default=-1)
            count = 1 << (top + 1)
            if name in LIMIT:
                count = LIMIT[name] + 1
            for m in range(count):
                enc = (op0,) + tuple(field_value(fields[k], m, WIDTH[k]) for k in ("op1", "crn", "crm", "op2"))
                reg = name.replace("<m>", str(m)) if "<m>" in name else name
                op1 = enc[1]
                if enc in rows:
                    old = rows[enc]
                    if {old[1], access} == {"RO", "WO"}:
                        rows[enc] = (old[0] + "/" + reg, "RW", old[2])
                    continue  # the same register again (TRCIMSPEC0 and TRCIMSPEC<m> with m = 0)
                rows[enc] = (reg, access, feature(name, op1))
    os.makedirs(os.path.dirname(TARGET), exist_ok=True)
    with open(TARGET, "w") as out:
        out.write("# Generated by tools/sysreg-index/generate.py from the Arm ARM's System register encoding tables\n")
        out.write("# (DDI 0487, D23.2 Table D23-1 and D23.3 Table D23-2). Do not edit: edit the tables or the script.\n")
        out.write("op0\top1\tcrn\tcrm\top2\tname\taccess\tfeature\n")
        for enc in sorted(rows):
            name, access, feat = rows[enc]
            out.write("\t".join(str(x) for x in enc) + f"\t{name}\t{access}\t{feat}\n")
    print(f"{len(rows)} encodings written to {os.path.relpath(TARGET)}")


if __name__ == "__main__":
    main()
