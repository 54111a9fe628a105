package org.choreolab.report;

/** Text in LaTeX: special characters escaped, the symbols our reasons use written as math. */
final class Latex {

    private Latex() {
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').append(c);
                case '~' -> b.append("\\textasciitilde{}");
                case '^' -> b.append("\\textasciicircum{}");
                case 'σ' -> b.append("$\\sigma$");
                case '≈' -> b.append("$\\approx$");
                case '×' -> b.append("$\\times$");
                case '≤' -> b.append("$\\le$");
                case '≥' -> b.append("$\\ge$");
                case '→' -> b.append("$\\to$");
                case '−' -> b.append('-');
                case '…' -> b.append("\\ldots{}");
                case '‖' -> b.append("$\\|$");
                case '⁴' -> b.append("$^4$");
                case '↓' -> b.append("$\\downarrow$");
                case '↑' -> b.append("$\\uparrow$");
                case '⚠' -> b.append("$\\dagger$");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
