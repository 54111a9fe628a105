package org.choreolab.guard.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.choreolab.guard.ThirdParty;
import org.osgi.framework.Bundle;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.hooks.weaving.WovenClass;

/**
 * The weaving hook: every class a third-party bundle defines has its exits rewritten
 * ({@link ExitRewriter}); the platform's own classes are left alone.
 */
final class ExitWeaver implements WeavingHook {

    /** The rewritten classes import this package (they call {@code Exits}), from the guard only. */
    static final String IMPORT = "org.choreolab.guard;bundle-symbolic-name=\"org.choreolab.guard\"";

    /** Per bundle id (a bundle's location never changes): third-party or not. */
    private final Map<Long, Boolean> thirdParty = new ConcurrentHashMap<>();

    /** Bundles already told about (one line each, not one per class). */
    private final Map<Long, Boolean> warned = new ConcurrentHashMap<>();

    @Override
    public void weave(WovenClass woven) {
        Bundle b = woven.getBundleWiring().getBundle();
        if (!thirdParty.computeIfAbsent(b.getBundleId(), id -> ThirdParty.isThirdParty(b))) {
            return;
        }
        byte[] out;
        try {
            out = ExitRewriter.rewrite(woven.getBytes(), ThirdParty.label(b));
        } catch (RuntimeException e) {
            // A class ASM cannot read: it loads as it is (refusing it would break the bundle for a
            // construct that may well be harmless); say so once.
            if (warned.putIfAbsent(b.getBundleId(), Boolean.TRUE) == null) {
                System.err.println("choreolab: guard cannot inspect " + woven.getClassName() + " of " + ThirdParty.label(b)
                        + " (" + e + "): its exits are not blocked");
            }
            return;
        }
        if (out != null) {
            woven.setBytes(out);
            woven.getDynamicImports().add(IMPORT);
        }
    }
}
