/**
 * The vocabulary every Choreolab component shares: the {@link org.choreolab.api.Component} base
 * interface, progress reporting and problem reports. No DJL, SWT or Eclipse types live in the API.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.choreolab.api;
