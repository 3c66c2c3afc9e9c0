package dev.trajforge.simenv.tools;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** On a {@code @Tool} method: its {@link ToolKind} and {@link ToolSide} (a method without it reads, for the agent). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Kind {
    ToolKind value();

    ToolSide side() default ToolSide.AGENT;
}
