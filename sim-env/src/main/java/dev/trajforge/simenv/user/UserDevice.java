package dev.trajforge.simenv.user;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.trajforge.simenv.ToolCall;
import dev.trajforge.simenv.ToolResult;

import java.util.List;

/**
 * What the simulated user holds in a dual-control domain: a device with tools only the user can call
 * (a phone's airplane mode, its APN settings, a speed test). A call changes the same world the agent's
 * tools read, and is recorded in the trajectory as the user's; the agent sees only what the user says.
 */
public interface UserDevice {
    /** No device: a domain without user-side tools. */
    UserDevice NONE = new UserDevice() {
        @Override
        public List<ToolSpecification> tools() {
            return List.of();
        }

        @Override
        public ToolResult call(ToolCall call) {
            return ToolResult.error(call, "you have no tools on your side in this conversation");
        }
    };

    /** The user's tools, empty when the domain has none. */
    List<ToolSpecification> tools();

    /** Runs one of the user's tools; a failure is an error result, never an exception. */
    ToolResult call(ToolCall call);
}
