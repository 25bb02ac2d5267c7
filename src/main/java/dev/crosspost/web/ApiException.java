package dev.crosspost.web;

import org.springframework.http.HttpStatus;

/** A request Crosspost refuses, with the status and a message meant for the person who sent it. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
