#!/usr/bin/env python3
"""Writes kernels/debian-6.1-amd64/pci-module-aliases.tsv and pci-modules.tsv from Debian's amd64 kernel package.

What it does (docs/kernel/x86-drivers.md says why):
  1. takes linux-image-6.1.0-56-amd64_6.1.192-2_amd64.deb from --deb, else from --cache, else downloads it there
     with `apt-get download linux-image-6.1.0-56-amd64=6.1.192-2`;
  2. checks its SHA256 (the value pinned below, which matched `apt-cache show` when the table was made);
  3. unpacks it with `dpkg -x` into a temporary directory and runs `depmod -b DIR 6.1.0-56-amd64` there
     (the package ships no modules.alias: depmod makes it at install time);
  4. keeps every `alias pci:...` and `alias vfio_pci:...` line of modules.alias and decodes the glob the way
     scripts/mod/file2alias.c do_pci_entry wrote it;
  5. cross-checks the result against the `alias=` strings in the .modinfo of every .ko (independent of depmod);
  6. writes the rows sorted in C-locale (byte) order after one `#` header line;
  7. writes pci-modules.tsv beside it: every module of modules.order (the package's own file), with its position
     there, its path and how many rows of pci-module-aliases.tsv it has. modprobe and udev's kmod builtin load the
     modules an alias resolves to in modules.order order (docs/kernel/x86-drivers.md).

Nothing is installed on the host; the temporary directory is removed at the end.
Usage: scripts/kernel-tables/derive-pci-aliases.py [--deb FILE] [--cache DIR] [--out FILE] [--modules-out FILE]
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

PACKAGE = "linux-image-6.1.0-56-amd64"
VERSION = "6.1.192-2"
ABI = "6.1.0-56-amd64"
DEB_NAME = f"{PACKAGE}_{VERSION}_amd64.deb"
# SHA256 of the .deb; it matched `apt-cache show linux-image-6.1.0-56-amd64=6.1.192-2` (bookworm-security)
# and ../shared/kernels/README.md when the table was made.
EXPECTED_SHA256 = "a86e2049672f52354c4536a089203b6c82639420424d31c91cf31a181fd4d8f1"

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "kernels", "debian-6.1-amd64", "pci-module-aliases.tsv")
DEFAULT_MODULES_OUT = os.path.join(REPO, "kernels", "debian-6.1-amd64", "pci-modules.tsv")

# file2alias do_pci_entry: prefix pci: (override_only 0) or vfio_pci: (PCI_ID_F_VFIO_DRIVER_OVERRIDE);
# v/d/sv/sd are __u32 fields printed %08X or '*' for PCI_ANY_ID; bc/sc/i are the class bytes printed %02X when that
# byte of class_mask is 0xFF or '*' when it is 0 (other masks get no alias at all); add_wildcard appends '*' unless
# the string already ends with one.
ALIAS = re.compile(
    r"^(?P<prefix>pci|vfio_pci):"
    r"v(?P<v>[0-9A-F]{8}|\*)d(?P<d>[0-9A-F]{8}|\*)sv(?P<sv>[0-9A-F]{8}|\*)sd(?P<sd>[0-9A-F]{8}|\*)"
    r"bc(?P<bc>[0-9A-F]{2}|\*)sc(?P<sc>[0-9A-F]{2}|\*)i(?:(?P<i>[0-9A-F]{2})\*|\*)$"
)


def die(message):
    print(f"derive-pci-aliases: {message}", file=sys.stderr)
    sys.exit(1)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def find_deb(args):
    if args.deb:
        if not os.path.isfile(args.deb):
            die(f"{args.deb}: no such file")
        return args.deb
    cache = args.cache or tempfile.mkdtemp(prefix="probesim-deb-")
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, DEB_NAME)
    if not os.path.isfile(path):
        print(f"derive-pci-aliases: downloading {PACKAGE}={VERSION} into {cache}", file=sys.stderr)
        subprocess.run(["apt-get", "download", f"{PACKAGE}={VERSION}"], cwd=cache, check=True)
    if not os.path.isfile(path):
        die(f"apt-get download did not leave {DEB_NAME} in {cache}")
    return path


def decode(alias):
    """(vendor, device, subvendor, subdevice, class, class_mask, override_only) of one alias, as table text."""
    m = ALIAS.match(alias)
    if not m:
        die(f"alias not in file2alias's pci form: {alias}")

    def id16(field):
        value = m.group(field)
        if value == "*":
            return "*"
        number = int(value, 16)
        if number > 0xFFFF:
            die(f"{field} {value} of {alias} does not fit in 16 bits")
        return f"{number:04x}"

    cls, mask = 0, 0
    for field, shift in (("bc", 16), ("sc", 8), ("i", 0)):
        value = m.group(field)
        if value is not None and value != "*":
            cls |= int(value, 16) << shift
            mask |= 0xFF << shift
    return (id16("v"), id16("d"), id16("sv"), id16("sd"), f"{cls:06x}", f"{mask:06x}", m.group("prefix") == "vfio_pci")


def modinfo_aliases(root):
    """(module, alias) pairs from the .modinfo strings of every .ko below lib/modules (no depmod involved)."""
    pairs = set()
    pattern = re.compile(rb"(?<![^\x00])alias=((?:pci|vfio_pci):[^\x00]*)(?=\x00)")
    for base, _, files in os.walk(os.path.join(root, "lib", "modules", ABI, "kernel")):
        for name in files:
            if not name.endswith(".ko"):
                die(f"{os.path.join(base, name)}: not a plain .ko (compressed modules are not read)")
            module = name[:-3].replace("-", "_")
            with open(os.path.join(base, name), "rb") as f:
                data = f.read()
            for alias in pattern.findall(data):
                pairs.add((module, alias.decode("ascii")))
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deb", help=f"the package file ({DEB_NAME})")
    parser.add_argument("--cache", help="directory holding the .deb, or where apt-get download puts it")
    parser.add_argument("--out", default=DEFAULT_OUT, help="the alias table to write")
    parser.add_argument("--modules-out", default=DEFAULT_MODULES_OUT, help="the module table to write")
    args = parser.parse_args()
    for tool in ("dpkg", "depmod"):
        if shutil.which(tool) is None and not os.path.exists(f"/usr/sbin/{tool}"):
            die(f"{tool} is needed")
    depmod = shutil.which("depmod") or "/usr/sbin/depmod"
    depmod_version = subprocess.run([depmod, "--version"], capture_output=True, text=True).stdout.splitlines()[0].strip()

    deb = find_deb(args)
    digest = sha256(deb)
    if digest != EXPECTED_SHA256:
        die(f"{deb}: SHA256 {digest}, expected {EXPECTED_SHA256}")

    work = tempfile.mkdtemp(prefix="probesim-kdata-")
    try:
        subprocess.run(["dpkg", "-x", deb, work], check=True)
        subprocess.run([depmod, "-b", work, ABI], check=True)
        rows, pairs = [], set()
        with open(os.path.join(work, "lib", "modules", ABI, "modules.alias"), encoding="ascii") as f:
            for line in f:
                parts = line.split()
                if len(parts) != 3 or parts[0] != "alias" or not parts[1].startswith(("pci:", "vfio_pci:")):
                    continue
                _, alias, module = parts
                vendor, device, subvendor, subdevice, cls, mask, _ = decode(alias)
                rows.append("\t".join((module, vendor, device, subvendor, subdevice, cls, mask, alias)))
                pairs.add((module, alias))
        with open(os.path.join(work, "lib", "modules", ABI, "modules.order"), encoding="ascii") as f:
            order = [line.strip() for line in f if line.strip()]
        from_ko = modinfo_aliases(work)
        if pairs != from_ko:
            die(f"modules.alias and the .ko files disagree: {len(pairs - from_ko)} only in modules.alias, "
                f"{len(from_ko - pairs)} only in .modinfo")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    # a table with the same entry twice (nvme, iwlwifi, saa7134, ...) gives the same alias line twice: one row
    duplicates = len(rows) - len(set(rows))
    rows = list(set(rows))
    rows.sort(key=lambda r: r.encode("ascii"))
    pci = sum(1 for r in rows if r.split("\t")[7].startswith("pci:"))
    modules = len({r.split("\t")[0] for r in rows})
    header = (
        f"# pci-module-aliases.tsv: every 'alias pci:' ({pci}) and 'alias vfio_pci:' ({len(rows) - pci}) line of the "
        f"modules.alias ({duplicates} repeated lines kept once) that {depmod_version} depmod -b makes for {ABI} from {DEB_NAME} (package {PACKAGE} {VERSION}, "
        f"SHA256 {digest}), {modules} modules; cross-checked against the alias= strings in every .ko's .modinfo; "
        "made by scripts/kernel-tables/derive-pci-aliases.py. Columns: module, vendor, device, subvendor, subdevice, "
        "class, class_mask, raw_alias. Decoded as scripts/mod/file2alias.c do_pci_entry wrote them: '*' = PCI_ANY_ID, "
        "ids 4 lowercase hex digits; class and class_mask 6 hex digits, a mask byte is ff where the alias gives "
        "bc/sc/i and 00 where it has '*' (then that class byte is written 00). A raw_alias starting 'vfio_pci:' is a "
        "pci_device_id with override_only = PCI_ID_F_VFIO_DRIVER_OVERRIDE: it matches only through driver_override, "
        "never by modalias. Rows sorted LC_ALL=C; the id tables' own order is not kept."
    )
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="ascii", newline="\n") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(r + "\n")
    per_module = {}
    for r in rows:
        per_module[r.split("\t")[0]] = per_module.get(r.split("\t")[0], 0) + 1
    module_rows, seen = [], set()
    for position, path in enumerate(order, 1):
        # modules.order lists kernel/...ko paths; the module name is the file name with '-' read as '_' (KBUILD_MODNAME)
        name = os.path.basename(path)
        if not name.endswith(".ko"):
            die(f"modules.order line {position}: {path} is not a .ko")
        module = name[:-3].replace("-", "_")
        if module in seen:
            die(f"modules.order line {position}: module {module} listed twice")
        seen.add(module)
        module_rows.append("\t".join((module, str(position), path, str(per_module.get(module, 0)))))
    missing = sorted(set(per_module) - seen)
    if missing:
        die(f"modules with PCI aliases but not in modules.order: {', '.join(missing)}")
    module_rows.sort(key=lambda r: r.encode("ascii"))
    with open(args.modules_out, "w", encoding="ascii", newline="\n") as f:
        f.write(
            f"# pci-modules.tsv: every module of modules.order ({len(module_rows)}) in {DEB_NAME} (package {PACKAGE} {VERSION}, "
            f"SHA256 {digest}); made by scripts/kernel-tables/derive-pci-aliases.py. Columns: module (the .ko name with '-' as "
            "'_'), order (1-based line of modules.order: the order modprobe and udev's kmod builtin load the modules one "
            "modalias resolves to), module_path (as in modules.order), pci_alias_rows (rows in pci-module-aliases.tsv). "
            "Rows sorted LC_ALL=C.\n")
        for r in module_rows:
            f.write(r + "\n")
    print(f"derive-pci-aliases: wrote {args.out}: {len(rows)} rows ({pci} pci:, {len(rows) - pci} vfio_pci:), {modules} modules",
          file=sys.stderr)


if __name__ == "__main__":
    main()
