/**
 * Reports of an evaluation for papers and for reading: the Markdown table ({@code results.md}, also
 * printed by the command line), CSV (full precision), LaTeX and an HTML page with the comparison table,
 * per-genre values, bar charts with error bars (PNG, drawn with JFreeChart) and the conventions of each
 * metric. Every output goes through one number formatter ({@link org.choreolab.report.Numbers}), one
 * set of metric labels and units ({@link org.choreolab.report.MetricLabels}) and one table model
 * ({@link org.choreolab.report.Table}: values, 95 % intervals, flag marks and footnotes, cell tooltips).
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.choreolab.report;
