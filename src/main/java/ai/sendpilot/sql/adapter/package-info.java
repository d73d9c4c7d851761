/**
 * Planner side of the adapter: relational operators in the SENDPILOT convention, the rules
 * that push account filters and LIMIT into them, and the converter to generated code.
 */
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    defaults = @Value.Immutable(builder = true, singleton = true),
    get = {"is*", "get*"},
    init = "with*",
    passAnnotations = SuppressWarnings.class)
package ai.sendpilot.sql.adapter;

import org.immutables.value.Value;
