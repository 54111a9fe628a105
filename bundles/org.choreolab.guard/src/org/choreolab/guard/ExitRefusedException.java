package org.choreolab.guard;

/**
 * Thrown where a third-party bundle called {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt}: the guard rewrote the call, so that a model bundle cannot end a batch run or
 * the workbench. The message names the bundle and the call.
 */
public final class ExitRefusedException extends SecurityException {

    private static final long serialVersionUID = 1L;

    private final String bundle;

    public ExitRefusedException(String bundle, String call) {
        super(bundle + " called " + call + ": refused (a third-party bundle may not end Choreolab)");
        this.bundle = bundle;
    }

    /** The bundle that made the call, as "symbolic-name version". */
    public String bundle() {
        return bundle;
    }
}
