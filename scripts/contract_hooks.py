"""Schemathesis hooks for scripts/contract-test: what openapi.json states in words that no
JSON Schema keyword can, given to the generator so schema-valid requests are valid at the hub.

- format `tracking-number`: YY-KKK-NNNNN-C whose last digit is the Damm check digit of the
  other ten and whose sequence is not 00000 (the demo's numbers among them, so some exist).
- format `skm-code`: ten digits, the last the Damm check digit of the other nine.
- PUT /v1/blobs/{sha256}: a document is named by the SHA-256 of its bytes, so a positive
  case gets the name of the body it sends.
"""

import hashlib
import re
from pathlib import Path

import schemathesis
from hypothesis import strategies as st
from schemathesis.core import NOT_SET
from schemathesis.transport.serialization import serialize_binary

# Damm's quasigroup, read from the table the core generates for the screens
# (crates/anjungan-wire/src/check_digit.rs, drift-checked in ui/src/lib/ipc/bindings.ts).
_BINDINGS = Path(__file__).resolve().parent.parent / "ui/src/lib/ipc/bindings.ts"
_TABLE = re.search(r"DAMM_TABLE[^=]*= \[(.*?)\n\];", _BINDINGS.read_text(), re.S)
DAMM = [[int(d) for d in row.split(",")] for row in re.findall(r"\[([0-9, ]+)\]", _TABLE.group(1))]
assert len(DAMM) == 10 and all(len(row) == 10 for row in DAMM), "DAMM_TABLE not found in bindings.ts"


def damm(digits: str) -> int:
    interim = 0
    for d in digits:
        interim = DAMM[interim][ord(d) - ord("0")]
    return interim


def tracking_number(year: int, kiosk: int, sequence: int, dashes: bool) -> str:
    body = f"{year:02}{kiosk:03}{sequence:05}"
    sep = "-" if dashes else ""
    return sep.join([body[:2], body[2:5], body[5:], str(damm(body))])


# The demo's applications (crates/anjungan-hub/src/demo.rs: year 2026, kiosk 0, 101–106).
DEMO_NUMBERS = [tracking_number(26, 0, n, True) for n in range(101, 107)]

schemathesis.openapi.format(
    "tracking-number",
    st.one_of(
        st.sampled_from(DEMO_NUMBERS),
        st.builds(
            tracking_number,
            st.integers(0, 99),
            st.integers(0, 999),
            st.integers(1, 99_999),
            st.booleans(),
        ),
    ),
)

schemathesis.openapi.format(
    "skm-code",
    st.integers(0, 999_999_999).map(lambda n: f"{n:09}{damm(f'{n:09}')}"),
)


@schemathesis.hook("map_case").apply_to(method="PUT", path="/v1/blobs/{sha256}")
def name_documents_by_their_hash(context, case):
    if case.meta is not None and case.meta.generation.mode.is_negative:
        return case
    # The bytes as they are sent (a generated binary body is a str subclass holding them).
    body = b"" if case.body is NOT_SET else serialize_binary(case.body)
    case.path_parameters["sha256"] = hashlib.sha256(body).hexdigest()
    return case
