"""pyyaml_load.py - what a quick script would do to load a module library:
PyYAML with its libyaml loader (CSafeLoader, Debian's python3-yaml) over
every *.yaml file of the folders given, in name order. Keeps the documents
in a list, as a script that goes on to use them would. Prints the count.

    python3 tests/bench/pyyaml_load.py DIR...
"""
import os
import sys

import yaml

if not getattr(yaml, "__with_libyaml__", False):
    sys.exit("pyyaml_load: this PyYAML has no libyaml loader")

docs = []
for d in sys.argv[1:]:
    for name in sorted(os.listdir(d)):
        if name.endswith(".yaml") and not name.startswith("."):
            with open(os.path.join(d, name), "rb") as f:
                docs.append(yaml.load(f, Loader=yaml.CSafeLoader))
print(len(docs), "documents")
