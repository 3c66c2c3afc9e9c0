package dev.trajforge.exporter;

/** Writes rows of one schema as column values: each row's values go to its {@link Leaves}, one per leaf column. */
interface ShreddedRows<T> {
    Leaves leaves();

    /** Writes one row's values to every leaf column; the caller ends the record. */
    void write(T row);
}
