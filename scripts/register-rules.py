#!/usr/bin/env python3
"""Adds rule ids to src/rules/index.ts, keeping imports and the map sorted. Usage: register-rules.py ID..."""
import re, sys, pathlib
path = pathlib.Path(__file__).resolve().parent.parent / 'src/rules/index.ts'
text = path.read_text()
def camel(rule_id):
    parts = rule_id.split('-')
    return parts[0] + ''.join(p[:1].upper() + p[1:] for p in parts[1:])
imports = dict(re.findall(r"^import (\w+) from '\./([a-z0-9-]+)/rule\.js';$", text, re.M))
ids = {v: k for k, v in imports.items()}
for rule_id in sys.argv[1:]:
    ids[rule_id] = camel(rule_id)
import_lines = '\n'.join(f"import {ids[i]} from './{i}/rule.js';" for i in sorted(ids))
map_lines = '\n'.join(f"  '{i}': {ids[i]}," for i in sorted(ids))
text = re.sub(r"(import type \{ Rule \} from './define-rule.js';\n)(?:import \w+ from '\./[a-z0-9-]+/rule\.js';\n)*", lambda m: m.group(1) + import_lines + '\n', text)
text = re.sub(r"(export const RULES: Readonly<Record<string, Rule>> = \{\n)(?:  '[a-z0-9-]+': \w+,\n)*", lambda m: m.group(1) + map_lines + '\n', text)
path.write_text(text)
