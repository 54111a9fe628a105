package org.choreolab.ui.internal.evaluate;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;

import jakarta.annotation.PostConstruct;

/** Puts the application's {@link EvaluationSession} into the application context, where every view finds it. */
public final class SessionAddon {

    @PostConstruct
    public void init(IEclipseContext context) {
        context.set(EvaluationSession.class, ContextInjectionFactory.make(EvaluationSession.class, context));
    }
}
