package dev.trajforge.simenv.user;

import dev.trajforge.simenv.Message;
import dev.trajforge.simenv.Usage;

import java.util.List;

/**
 * Plays the user of one episode. Sees only what a user would see: the user and assistant text
 * messages so far (no system prompt, no tool traffic). One instance per episode.
 */
public interface UserSimulator {
    /** The next user turn. Throws {@link UserSimulatorException} if the simulator cannot produce one. */
    UserTurn next(List<Message> visibleConversation);

    /**
     * The next user turn, with the user's own device at hand (dual control): a simulator that can act on it
     * calls its tools before it speaks. By default the device is not used.
     */
    default UserTurn next(List<Message> visibleConversation, UserDevice device) {
        return next(visibleConversation);
    }

    /** {@code provider/model}, e.g. {@code scripted/persona-user}. */
    String model();

    /** SHA-256 of the prompt or templates that drive this simulator. */
    String promptSha256();

    /** Model usage so far (zero for scripted users). */
    Usage usage();

    /** Who this user is: the row's {@code persona} and its traits. */
    dev.trajforge.simenv.Persona persona();
}
