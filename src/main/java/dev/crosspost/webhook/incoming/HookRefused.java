package dev.crosspost.webhook.incoming;

/**
 * A call to an incoming hook refused with a status the refusal kinds do not have: 401 (a bad or missing signature),
 * 413, 415. Answered by {@link HookEndpoint} in the API's JSON error shape.
 */
final class HookRefused extends RuntimeException {

    private final int status;

    HookRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
