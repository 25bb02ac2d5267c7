package dev.crosspost.web;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.stereotype.Component;

/**
 * Every string in a JSON request body to Crosspost's API must be a JSON string (not a number, boolean, object
 * or array coerced into one) without NUL characters or unpaired surrogates; anything else is refused with 400 and
 * a message naming the field. Spring Boot adds this module to its {@code ObjectMapper}; Camunda's REST API has
 * its own mapper and is not affected.
 */
@Component
class StrictStrings extends SimpleModule {

    StrictStrings() {
        super("crosspost-strict-strings");
        addDeserializer(String.class, new Deserializer());
    }

    /** A string the API does not accept; {@link JsonProblems} turns it into a 400. */
    static final class Refused extends JsonMappingException {
        Refused(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    private static final class Deserializer extends StdScalarDeserializer<String> {
        Deserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new Refused(p, "must be a string");
            }
            String s = p.getText();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\u0000') {
                    throw new Refused(p, "contains a NUL character");
                }
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new Refused(p, "contains an unpaired surrogate (not a Unicode character)");
                }
            }
            return s;
        }
    }
}
