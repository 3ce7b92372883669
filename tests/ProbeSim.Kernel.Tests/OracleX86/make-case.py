#!/usr/bin/env python3
"""Turns oracle runs (../shared/oracle, x86 q35) into ProbeSim test data.

  make-case.py MACHINE_DIR OBSERVED.json              writes the machine the kernel saw: tables/ (the ACPI tables it
                                                      read, raw), pci/ (its PCI config space as a sysfs dump)
  make-case.py --expected OUT.json OBSERVED.json      writes what the kernel decided: PCI drivers, IOMMU groups (ids,
                                                      default domain types, members, reserved regions), its command line
                                                      and the snapshot time

Run by hand after an oracle run; the tests only read the files it wrote.
"""
import json, os, sys

def final(o):
    return o['snapshots'][o['final_snapshot']]

def machine(out, o):
    os.makedirs(os.path.join(out, 'tables'), exist_ok=True)
    for name, hexs in sorted(o['acpi_tables'].items()):
        with open(os.path.join(out, 'tables', name), 'wb') as f:
            f.write(bytes.fromhex(hexs))
    for d in final(o)['devices']:
        if d['bus'] != 'pci':
            continue
        path = os.path.join(out, 'pci', 'sys' + d['path'].replace(':', ':'))
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, 'config'), 'wb') as f:
            f.write(bytes.fromhex(d['pci']['config']))

def expected(out, o):
    s = final(o)
    pci = [{'name': d['name'], 'driver': d.get('driver')} for d in s['devices'] if d['bus'] == 'pci']
    groups = [{'id': int(k), 'type': g['type'], 'devices': g['devices'], 'reserved_regions': g.get('reserved_regions', [])}
              for k, g in sorted(s.get('iommu_groups', {}).items(), key=lambda kv: int(kv[0]))]
    doc = {'case': o['case'] if isinstance(o['case'], str) else o['case'].get('name'),
           'kernel': o['uname_r'], 'cmdline': o['cmdline'],
           'snapshotUptime': s['uptime'], 'initStartUptime': o['init_start_uptime'],
           'iommus': {k: v['devices'] for k, v in sorted(s.get('iommus', {}).items())},
           'pci': pci, 'groups': groups}
    with open(out, 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')

if __name__ == '__main__':
    if sys.argv[1] == '--expected':
        expected(sys.argv[2], json.load(open(sys.argv[3])))
    else:
        machine(sys.argv[1], json.load(open(sys.argv[2])))
