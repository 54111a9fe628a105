package org.choreolab.ui.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import jakarta.inject.Named;

/** Help › About: the versions of Choreolab's bundles, the platform and Java. */
public final class AboutHandler {

    @Execute
    public void execute(@Named("activeShell") Shell shell) {
        MessageDialog.openInformation(shell, "About Choreolab", text());
    }

    static String text() {
        Bundle self = FrameworkUtil.getBundle(AboutHandler.class);
        Bundle[] all = self == null ? new Bundle[0] : self.getBundleContext().getBundles();
        String ours = Arrays.stream(all).filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.choreolab"))
                .sorted(Comparator.comparing(Bundle::getSymbolicName))
                .map(b -> "  " + b.getSymbolicName() + " " + b.getVersion()).collect(Collectors.joining("\n"));
        String platform = Arrays.stream(all).filter(b -> "org.eclipse.e4.ui.workbench".equals(b.getSymbolicName()))
                .map(b -> b.getVersion().toString()).findFirst().orElse("?");
        return "Choreolab " + (self == null ? "" : self.getVersion()) + "\n\nCompose and compare music-to-dance generators.\n\n"
                + "Bundles:\n" + ours + "\n\nEclipse e4 workbench " + platform + "\nJava " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }
}
