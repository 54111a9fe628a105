/**
 * Reports of an evaluation for papers and for reading: CSV and LaTeX tables, an HTML page with the
 * comparison table, a per-genre breakdown, bar charts (PNG, drawn with JFreeChart) and the
 * conventions of each metric.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.report;
