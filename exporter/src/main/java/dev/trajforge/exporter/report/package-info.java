/**
 * {@code report.html}, written with every export beside {@code manifest.json} (before {@code _SUCCESS}) and again by
 * {@code trajforge report DIR}: plots of the run and a viewer of a sample of its trajectories, in one file that needs no
 * network. {@link dev.trajforge.exporter.report.HtmlReport} makes it from the records an export streams,
 * {@link dev.trajforge.exporter.report.StoredReport} from a stored export's shards.
 *
 * <p>The libraries, and why:
 * <ul>
 *   <li><b>FreeMarker</b> ({@code org.freemarker:freemarker}) renders {@code report.ftlh}: an Apache project, one jar without
 *       dependencies, and HTML auto-escaping that a {@code .ftlh} template cannot turn off by accident, so no text of a
 *       trajectory (a message holding {@code <script>}) becomes markup.</li>
 *   <li><b>Chart.js</b> ({@code org.webjars.npm:chart.js}, its UMD bundle, about 200 KB, inlined) draws the charts in the
 *       browser from the same numbers the page's tables show. Rendering SVG in the JVM (JFreeChart with JFreeSVG) was the
 *       alternative: it would draw without JavaScript, but it needs AWT and installed fonts in every process that exports
 *       (a slim container has none, and the export would fail), measures text with whatever fonts a machine has, and
 *       costs an AWT start-up per export. With Chart.js the JVM writes text only, the numbers stay readable without
 *       JavaScript in the tables, and the charts gain tooltips and series that can be switched off.</li>
 * </ul>
 *
 * <p>Only what the shards show goes in: messages, tool calls, verdicts, lineage labels and the manifest's figures; never
 * keys, the environment, config values or the journal's state changes. Endpoint labels lose credentials written into them.
 */
package dev.trajforge.exporter.report;
