package org.choreolab.core.robust;

import java.nio.file.Path;

import org.choreolab.core.OutputLock;

/** Another process holding an output folder: {@code LockHolder DIR}; says "locked", holds it until stdin closes. */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (OutputLock lock = OutputLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Hold until the test closes our stdin or kills us.
            }
        }
    }
}
