#!/usr/bin/env python3
"""Known vulnerabilities in the locked dependencies (requirements.lock), with pip-audit.

pip-audit asks a vulnerability service about each pinned package: OSV first, then PyPI's JSON API.
Outcomes, each said in plain words on the last line:

- every package was checked and none is vulnerable: exit 0;
- a package has a known vulnerability: the advisories are listed, exit 1;
- the services could not be reached (or could not check some packages): the audit was NOT done,
  and this says so instead of reporting a pass. It exits 0 so that an unreachable service alone
  does not fail CI, unless AUDIT_REQUIRED=1 (then 2).

pip-audit itself prints « No known vulnerabilities found » even when it could check nothing: this
script reads its JSON report to tell the two apart.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"
SERVICES = ["osv", "pypi"]
TIMEOUT = 300


def audit(service):
    """(report or None, error text) from one pip-audit run against `service`."""
    command = [
        str(PIP_AUDIT),
        "--requirement",
        str(LOCK),
        "--no-deps",  # The lock pins every package: nothing to resolve, no virtualenv to build.
        "--disable-pip",
        "--vulnerability-service",
        service,
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "--timeout",
        "20",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"no answer within {TIMEOUT} s"
    try:
        return json.loads(result.stdout), ""
    except json.JSONDecodeError:
        lines = (result.stderr or result.stdout).strip().splitlines()
        return None, lines[-1] if lines else f"pip-audit exited {result.returncode}"


def main():
    problems = []
    for service in SERVICES:
        report, error = audit(service)
        if report is None:
            problems.append(f"{service}: {error}")
            continue
        dependencies = report["dependencies"]
        skipped = [dep for dep in dependencies if "skip_reason" in dep]
        vulnerable = [dep for dep in dependencies if dep.get("vulns")]
        if vulnerable:
            for dep in vulnerable:
                for vuln in dep["vulns"]:
                    fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
                    print(f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
            print(
                f"pip-audit ({service}): {len(vulnerable)} locked package(s) have known "
                "vulnerabilities: upgrade them in requirements.lock (make lock)."
            )
            return 1
        if not skipped:
            print(
                f"pip-audit ({service}): no known vulnerability in the "
                f"{len(dependencies)} locked packages."
            )
            return 0
        reasons = sorted({dep["skip_reason"].split(":")[0] for dep in skipped})
        problems.append(
            f"{service}: {len(skipped)} of {len(dependencies)} packages not checked "
            f"({'; '.join(reasons)})"
        )
    print("\n".join(problems))
    print(
        "AUDIT NOT PERFORMED: no vulnerability service could check the locked dependencies "
        "from this machine (see above). This is not a pass."
    )
    return 2 if os.environ.get("AUDIT_REQUIRED") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
