#!/usr/bin/env python3
"""Reads a Trajectory Forge export the way training teams do, with pyarrow and Hugging Face `datasets`.

Usage: interop_check.py EXPORT_DIR

Checks, against manifest.json: row counts per file and per split (pyarrow, and `datasets` both with
explicit data_files and through the README's `configs:` header); the `messages` column is a list of
structs with role/content/tool_calls/tool_call_id/name; `json.loads(row["tools"])` gives a list of
function tools; every tool call's arguments parse to a JSON object; tool messages answer earlier calls;
from schema_version 2, `reward_checks` is a list<struct<name, passed, score>> whose entries have a name and a
score in [0,1], all passed in train and validation rows.
Exits 0 when every check passes, 1 otherwise; the last line is "interop: N passed, M failed".
"""
import json
import os
import sys
import tempfile

# nothing here may reach a hub: the export is local, the builders are packaged
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
import datasets  # noqa: E402

ROLES = {"system", "user", "assistant", "tool"}
SPLITS = ("train", "validation", "rejected")
FOOTER_KEYS = ("trajforge.schema_version", "trajforge.run_id", "trajforge.config_sha256")
MESSAGE_FIELDS = {
    "role": pa.string(),
    "content": pa.string(),
    "reasoning_content": pa.string(),
    "tool_calls": pa.list_(pa.struct([
        ("id", pa.string()),
        ("type", pa.string()),
        ("function", pa.struct([("name", pa.string()), ("arguments", pa.string())])),
    ])),
    "tool_call_id": pa.string(),
    "name": pa.string(),
}

REWARD_CHECK = pa.struct([("name", pa.string()), ("passed", pa.bool_()), ("score", pa.float64())])


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, fn):
        try:
            detail = fn()
        except Exception as e:  # a failed check is reported, the others still run
            self.failed += 1
            print(f"FAIL {name}: {type(e).__name__}: {e}")
            return
        self.passed += 1
        print(f"ok   {name}" + (f": {detail}" if detail else ""))


def require(condition, message):
    if not condition:
        raise AssertionError(message)


def without_nullability(t):
    """pyarrow types compare with field nullability; the contract's nullability is the Java validator's job."""
    if pa.types.is_list(t):
        return pa.list_(without_nullability(t.value_type))
    if pa.types.is_struct(t):
        return pa.struct([(f.name, without_nullability(f.type)) for f in t])
    return t


def pyarrow_files(export, manifest):
    for entry in manifest["files"]:
        pf = pq.ParquetFile(os.path.join(export, entry["path"]))
        require(pf.metadata.num_rows == entry["rows"],
                f'{entry["path"]}: {pf.metadata.num_rows} rows, manifest says {entry["rows"]}')
        meta = {k.decode(): v.decode() for k, v in (pf.schema_arrow.metadata or {}).items()}
        for key in FOOTER_KEYS:
            require(key in meta, f'{entry["path"]}: footer has no {key}')
        require(meta["trajforge.run_id"] == manifest["run_id"], f'{entry["path"]}: footer run id {meta["trajforge.run_id"]}')
        codecs = {pf.metadata.row_group(g).column(c).compression
                  for g in range(pf.metadata.num_row_groups) for c in range(pf.metadata.num_columns)}
        require(codecs <= {"ZSTD"}, f'{entry["path"]}: codecs {codecs}')
    return f'{len(manifest["files"])} files, rows, footer keys and ZSTD as the manifest says'


def pyarrow_schema(export, manifest):
    table = pq.read_table(os.path.join(export, manifest["files"][0]["path"]))
    messages = table.schema.field("messages").type
    require(pa.types.is_list(messages), f"messages is {messages}, not a list")
    element = messages.value_type
    require(pa.types.is_struct(element), f"messages element is {element}, not a struct")
    got = {f.name: without_nullability(f.type) for f in element}
    require(got == MESSAGE_FIELDS, f"messages element is {element}")
    for column in ("reject_reasons", "faults"):
        got_type = without_nullability(table.schema.field(column).type)
        require(got_type == pa.list_(pa.string()), f"{column} is {table.schema.field(column).type}")
    require(table.schema.field("tools").type == pa.string(), "tools is not a string column")
    require(table.schema.field("reward").type == pa.float64(), "reward is not double")
    detail = "messages: list<struct<role, content, reasoning_content, tool_calls: list<struct<id, type, function>>, tool_call_id, name>>"
    if manifest["schema_version"] >= 2:
        names = table.schema.names
        require(names.index("reward_checks") == names.index("reward") + 1, f"reward_checks is not right after reward: {names}")
        got_type = without_nullability(table.schema.field("reward_checks").type)
        require(got_type == pa.list_(REWARD_CHECK), f"reward_checks is {table.schema.field('reward_checks').type}")
        detail += "; reward_checks: list<struct<name, passed, score>>"
    return detail


def pyarrow_dataset(export, manifest):
    table = pq.read_table(os.path.join(export, "data"))
    total = sum(f["rows"] for f in manifest["files"])
    require(table.num_rows == total, f"data/ holds {table.num_rows} rows, manifest files {total}")
    return f"read_table(data/) = {table.num_rows} rows"


def split_files(export, manifest):
    files = {}
    for entry in manifest["files"]:
        split = os.path.basename(entry["path"]).split("-")[0]
        files.setdefault(split, []).append(os.path.join(export, entry["path"]))
    return files


def load_with_data_files(export, manifest, cache):
    files = split_files(export, manifest)
    ds = datasets.load_dataset("parquet", data_files=files, cache_dir=cache)
    for split, rows in manifest["splits"].items():
        if rows == 0 and split not in files:
            continue
        require(ds[split].num_rows == rows, f"{split}: datasets reads {ds[split].num_rows} rows, manifest says {rows}")
    return ds, ", ".join(f"{s} {ds[s].num_rows}" for s in ds)


def load_with_card(export, manifest, cache):
    ds = datasets.load_dataset(export, cache_dir=cache)
    expected = {s: n for s, n in manifest["splits"].items() if n > 0}
    got = {s: ds[s].num_rows for s in ds}
    require(got == expected, f"through README configs: {got}, manifest splits {expected}")
    return f"load_dataset(EXPORT_DIR) via configs: {got}"


def reward_checks(row, split, where):
    checks = row["reward_checks"]
    require(isinstance(checks, list), f"{where}: reward_checks is {type(checks).__name__}")
    for i, check in enumerate(checks):
        require(set(check) == {"name", "passed", "score"}, f"{where}: reward_checks[{i}] keys {sorted(check)}")
        require(isinstance(check["name"], str) and check["name"].strip(), f"{where}: reward_checks[{i}] name {check['name']!r}")
        require(isinstance(check["passed"], bool), f"{where}: reward_checks[{i}] passed {check['passed']!r}")
        require(0.0 <= check["score"] <= 1.0, f"{where}: reward_checks[{i}] score {check['score']}")
        if split in ("train", "validation"):
            require(check["passed"], f"{where}: accepted row failed check {check['name']}")
    return len(checks)


def rows(ds, manifest):
    checked = calls = checks = 0
    for split in ds:
        for index, row in enumerate(ds[split]):
            where = f"{split}[{index}]"
            tools = json.loads(row["tools"])
            require(isinstance(tools, list), f"{where}: tools is {type(tools).__name__}")
            for tool in tools:
                require(tool.get("type") == "function" and isinstance(tool.get("function"), dict)
                        and tool["function"].get("name"), f"{where}: tool {tool}")
            messages = row["messages"]
            require(isinstance(messages, list) and messages, f"{where}: messages is {type(messages).__name__}")
            require(messages[0]["role"] == "system", f"{where}: first role {messages[0]['role']}")
            made = set()
            for i, m in enumerate(messages):
                require(isinstance(m, dict), f"{where}: message {i} is {type(m).__name__}")
                require({"role", "content", "tool_calls", "tool_call_id"} <= set(m), f"{where}: message {i} keys {sorted(m)}")
                require(m["role"] in ROLES, f"{where}: message {i} role {m['role']}")
                for call in m["tool_calls"] or []:
                    arguments = json.loads(call["function"]["arguments"])
                    require(isinstance(arguments, dict), f"{where}: message {i} arguments {call['function']['arguments']}")
                    require(call["type"] == "function", f"{where}: message {i} call type {call['type']}")
                    made.add(call["id"])
                    calls += 1
                if m["role"] == "tool":
                    require(m["tool_call_id"] in made, f"{where}: message {i} answers unknown call {m['tool_call_id']}")
            if manifest["schema_version"] >= 2:
                checks += reward_checks(row, split, where)
            checked += 1
    detail = f"{checked} rows: tools JSON, roles, {calls} tool calls with JSON-object arguments, tool results paired"
    return detail + (f", {checks} reward checks" if manifest["schema_version"] >= 2 else "")


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    export = os.path.abspath(argv[1])
    with open(os.path.join(export, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    require(os.path.exists(os.path.join(export, "_SUCCESS")), f"{export}: no _SUCCESS")
    print(f"interop: {export} with pyarrow {pa.__version__}, datasets {datasets.__version__}")
    checks = Checks()
    checks.check("pyarrow files", lambda: pyarrow_files(export, manifest))
    checks.check("pyarrow schema", lambda: pyarrow_schema(export, manifest))
    checks.check("pyarrow dataset", lambda: pyarrow_dataset(export, manifest))
    with tempfile.TemporaryDirectory(prefix="trajforge-hf-cache-") as cache:
        loaded = {}

        def explicit():
            ds, detail = load_with_data_files(export, manifest, cache)
            loaded["ds"] = ds
            return detail

        checks.check("datasets data_files", explicit)
        checks.check("datasets configs", lambda: load_with_card(export, manifest, cache))
        if "ds" in loaded:
            checks.check("datasets rows", lambda: rows(loaded["ds"], manifest))
        else:
            checks.failed += 1
            print("FAIL datasets rows: not loaded")
    print(f"interop: {checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
