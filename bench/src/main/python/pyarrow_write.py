#!/usr/bin/env python3
"""pyarrow's side of `bench/run export`: the write throughput of pyarrow.parquet.write_table on the
very rows trajforge's exporter wrote.

    pyarrow_write.py --warmups 3 --runs 10 --out DIR SHARD.parquet...

Each shard is read into an Arrow table first (not timed). Then every table is written to DIR with ZSTD
level 3 and the rows per row group of the shard it came from, --warmups times as a warm-up and then --runs times;
a run's time is the sum of its write_table calls (file open to close), the figure is their median.
Prints key=value lines on stdout: pyarrow_version, rows, arrow_bytes (the tables' in-memory size),
row_group_rows, seconds (median), seconds_per_run, cpu_seconds (median CPU time of the process, all
threads), output_bytes.
"""
import argparse
import os
import statistics
import sys
import time

import pyarrow
import pyarrow.parquet as pq


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmups", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", required=True, help="directory for the files written (each removed after it is measured)")
    parser.add_argument("shards", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    inputs = []  # (name, table, rows per row group)
    for shard in args.shards:
        meta = pq.ParquetFile(shard).metadata
        row_group_rows = max(meta.row_group(i).num_rows for i in range(meta.num_row_groups))
        inputs.append((os.path.basename(shard), pq.read_table(shard), row_group_rows))

    def write_all(tag):
        seconds = 0.0
        cpu = 0.0
        size = 0
        for name, table, row_group_rows in inputs:
            path = os.path.join(args.out, tag + "-" + name)
            started, cpu_started = time.perf_counter(), time.process_time()
            pq.write_table(table, path, compression="zstd", compression_level=3, row_group_size=row_group_rows)
            seconds += time.perf_counter() - started
            cpu += time.process_time() - cpu_started
            size += os.path.getsize(path)
            os.remove(path)
        return seconds, cpu, size

    for _ in range(args.warmups):
        write_all("warmup")
    times = []
    cpus = []
    size = 0
    for run in range(args.runs):
        seconds, cpu, size = write_all("run%d" % run)
        times.append(seconds)
        cpus.append(cpu)
        print("pyarrow: run %d: %.2f s" % (run + 1, seconds), file=sys.stderr)

    print("pyarrow_version=%s" % pyarrow.__version__)
    print("rows=%d" % sum(table.num_rows for _, table, _ in inputs))
    print("arrow_bytes=%d" % sum(table.nbytes for _, table, _ in inputs))
    print("row_group_rows=%s" % " / ".join(str(rows) for _, _, rows in inputs))
    print("seconds=%.6f" % statistics.median(times))
    print("seconds_per_run=%s" % " / ".join("%.2f" % t for t in times))
    print("cpu_seconds=%.6f" % statistics.median(cpus))
    print("output_bytes=%d" % size)


if __name__ == "__main__":
    main()
