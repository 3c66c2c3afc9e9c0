package dev.trajforge.simenv.user;

/** The user simulator failed to produce a turn (model error, empty reply); the episode ends as user_error. */
public class UserSimulatorException extends RuntimeException {
    public UserSimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
