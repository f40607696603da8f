#!/usr/bin/env python3
"""Validates JSON documents against a JSON Schema with a real validator (jsonschema).

usage: validate-json.py SCHEMA FILE...   exits 1 on the first invalid file, naming the error.
"""
import json
import sys

import jsonschema


def main() -> int:
    schema_path, *files = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = False
    for path in files:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.path))
        for error in errors:
            location = "/".join(str(part) for part in error.path)
            print(f"{path}: invalid at /{location}: {error.message}", file=sys.stderr)
            failed = True
        if not errors:
            print(f"{path}: valid against {schema_path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
