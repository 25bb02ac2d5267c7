package dev.crosspost.fortune;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crosspost.fortune.*}.
 *
 * @param path      a directory of fortune files (Debian's {@code fortunes}/{@code fortunes-min} install them in
 *                  {@code /usr/share/games/fortunes}) or one fortune file; empty, missing or unreadable: the
 *                  small collection bundled with Crosspost
 * @param maxLength fortunes longer than this many characters are left out (a chat line, not a chapter)
 */
@Validated
@ConfigurationProperties("crosspost.fortune")
record FortuneProperties(@DefaultValue("/usr/share/games/fortunes") String path,
                         @DefaultValue("400") @Min(20) int maxLength) {
}
