package dev.crosspost.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** Says what is wrong with a request body that could not be read, in words a client can act on. */
final class JsonProblems {

    private static final String SHAPE = "the request body is not valid JSON of the expected shape";

    private JsonProblems() {
    }

    record Problem(HttpStatus status, String message) {
    }

    static Problem describe(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimit.TooLarge tooLarge) {
                return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
            }
            if (t instanceof StrictStrings.Refused refused) {
                return new Problem(HttpStatus.BAD_REQUEST, at(refused) + refused.getOriginalMessage());
            }
            if (t instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                return new Problem(HttpStatus.BAD_REQUEST, SHAPE + ": " + at(mismatch) + "has the wrong type");
            }
            if (t instanceof JsonParseException parse) {
                String detail = parse.getOriginalMessage();
                if (detail != null && detail.startsWith("Duplicate field")) {
                    return new Problem(HttpStatus.BAD_REQUEST, "the JSON body has a key twice: " + detail
                            .substring("Duplicate field ".length()));
                }
                return new Problem(HttpStatus.BAD_REQUEST, "the request body is not valid JSON (line "
                        + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")");
            }
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return new Problem(HttpStatus.BAD_REQUEST, SHAPE);
        }
        return new Problem(HttpStatus.BAD_REQUEST, e.getCause() == null ? "the request body is missing" : SHAPE);
    }

    private static String at(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
        return path == null ? "the body " : "field '" + path + "' ";
    }
}
