package org.choreolab.ui.internal.help;

import org.choreolab.core.ComponentRegistry;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/** Help › About Choreolab. */
public final class AboutHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, @Optional @Service ComponentRegistry registry) {
        new AboutDialog(shell, registry).open();
    }
}
