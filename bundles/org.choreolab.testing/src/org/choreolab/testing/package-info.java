/** Test fixtures shared by the test fragments; never shipped in the product. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.testing;
