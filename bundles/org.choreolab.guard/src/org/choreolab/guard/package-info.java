/**
 * Tells the platform's own bundles from third-party ones ({@link org.choreolab.guard.ThirdParty}) and
 * keeps third-party code from ending the JVM: the guard bundle, started at start level 2 before any
 * third-party bundle loads a class, rewrites their calls to {@code System.exit}, {@code Runtime.exit}
 * and {@code Runtime.halt} into an {@link org.choreolab.guard.ExitRefusedException} naming the bundle
 * ({@link org.choreolab.guard.Exits} is what the rewritten calls call).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.guard;
