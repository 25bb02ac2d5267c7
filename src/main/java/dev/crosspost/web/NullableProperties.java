package dev.crosspost.web;

import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * A record component marked {@link Nullable} is described as nullable ({@code "type": ["string", "null"]} in
 * OpenAPI 3.1, which springdoc writes): an API answer with that field {@code null} is then what the description
 * promises, not a fault that a validating client or proxy reports. The Java type and the description say it once.
 */
@Component
class NullableProperties implements PropertyCustomizer {

    @Override
    public Schema customize(Schema property, AnnotatedType type) {
        Annotation[] annotations = type.getCtxAnnotations();
        if (property == null || annotations == null || List.of(annotations).stream()
                .noneMatch(a -> a.annotationType().equals(Nullable.class))) {
            return property;
        }
        if (property.get$ref() != null) {
            return new Schema<>().anyOf(List.of(new Schema<>().$ref(property.get$ref()), nullSchema()));
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        types.add("null");
        property.setTypes(types);
        return property;
    }

    private static Schema<?> nullSchema() {
        Schema<?> none = new Schema<>();
        none.setTypes(new LinkedHashSet<>(List.of("null")));
        return none;
    }
}
