package dev.crosspost.web;

import org.springframework.http.HttpStatus;

/**
 * A request the HTTP edge itself refuses (not logged in), with the status and a message meant for the person
 * who sent it. Services refuse with {@link dev.crosspost.refusal.Refusal}s instead, which know no HTTP.
 */
class ApiException extends RuntimeException {

    private final HttpStatus status;

    ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
