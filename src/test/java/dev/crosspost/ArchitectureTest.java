package dev.crosspost;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.crosspost.util.Contract;
import dev.crosspost.xmpp.ChatCommands;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The layout of DESIGN.md and docs/architecture.md: message/ is the core and message/outbox/ the outbox engine on it;
 * adapters depend on them, never on each other; infrastructure implements the core's ports.
 */
@AnalyzeClasses(packages = "dev.crosspost", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The features (adapters): each depends on message/, member/, refusal/ and util/, on no other feature. */
    private static final String[] FEATURES = {"dev.crosspost.shoutbox..", "dev.crosspost.xmpp..",
            "dev.crosspost.mail..", "dev.crosspost.sms..", "dev.crosspost.story..", "dev.crosspost.subscription..",
            "dev.crosspost.fortune..", "dev.crosspost.channels..", "dev.crosspost.webhook.."};

    /** A feature's declared contract ({@link Contract}), or a type nested in one (its records, its enums). */
    private static final DescribedPredicate<JavaClass> DECLARED_CONTRACT = DescribedPredicate.describe(
            "a declared @Contract", c -> c.isAnnotatedWith(Contract.class)
                    || c.getEnclosingClass().map(e -> e.isAnnotatedWith(Contract.class)).orElse(false));

    @ArchTest
    static final ArchRule coreImportsNoInfrastructure = noClasses().that().resideInAPackage("dev.crosspost.message..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda..", "org.jivesoftware..", "org.jxmpp..",
                    "jakarta.servlet..", "jakarta.mail..", "org.springframework.mail..")
            .because("message/ is the core of Crosspost and must not know Camunda, Smack, servlets or mail");

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices()
            .matching("dev.crosspost.(shoutbox|xmpp|mail|sms|story|subscription|fortune|channels|webhook)..")
            .should().notDependOnEachOther()
            .ignoreDependency(alwaysTrue(), DECLARED_CONTRACT)
            .because("each adapter depends on message/ only; queues (BPMN) connect them; where one feature must "
                    + "call another, it goes through the other's declared @Contract (subscription/ asks xmpp/ for presence)");

    @ArchTest
    static final ArchRule noFeatureDependsOnTheBot = noClasses().that().resideOutsideOfPackage("dev.crosspost.bot..")
            .should().dependOnClassesThat().resideInAPackage("dev.crosspost.bot..")
            .because("bot/ is on top: it uses the features, none of them knows it (xmpp/ declares ChatCommands for it)");

    @ArchTest
    static final ArchRule theBotUsesFeaturesThroughTheirContracts = noClasses().that()
            .resideInAPackage("dev.crosspost.bot..")
            .should().dependOnClassesThat(resideInAnyPackage(FEATURES).and(DescribedPredicate.not(DECLARED_CONTRACT))
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(ChatCommands.class))))
            .because("bot/ may use other features, but only through their declared contracts");

    @ArchTest
    static final ArchRule xmppIsLayered = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("adapter edge").definedBy("dev.crosspost.xmpp")
            .layer("room").definedBy("dev.crosspost.xmpp.room..")
            .layer("presence").definedBy("dev.crosspost.xmpp.presence..")
            .layer("connection").definedBy("dev.crosspost.xmpp.connection..")
            .whereLayer("adapter edge").mayNotBeAccessedByAnyLayer()
            .whereLayer("room").mayOnlyBeAccessedByLayers("adapter edge")
            .whereLayer("presence").mayOnlyBeAccessedByLayers("adapter edge")
            .whereLayer("connection").mayOnlyBeAccessedByLayers("adapter edge", "room", "presence")
            .because("xmpp/ holds the ports in and out; room/ and presence/ build on the connection, which knows neither");

    @ArchTest
    static final ArchRule utilIsLikeTheCore = noClasses().that().resideInAPackage("dev.crosspost.util..")
            .should().dependOnClassesThat(resideInAPackage("dev.crosspost..").and(resideOutsideOfPackage("dev.crosspost.util..")))
            .because("util/ is used by every package, as the core is, so it uses none of them");

    @ArchTest
    static final ArchRule coreDoesNotDependOnFeatures = noClasses().that().resideInAPackage("dev.crosspost.message..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.crosspost.shoutbox..", "dev.crosspost.xmpp..",
                    "dev.crosspost.mail..", "dev.crosspost.sms..", "dev.crosspost.story..",
                    "dev.crosspost.subscription..", "dev.crosspost.fortune..", "dev.crosspost.webhook..", "dev.crosspost.process..",
                    "dev.crosspost.member..", "dev.crosspost.security..", "dev.crosspost.bot..",
                    "dev.crosspost.channels..", "dev.crosspost.web..");


    @ArchTest
    static final ArchRule memberKnowsNoFeature = noClasses().that().resideInAPackage("dev.crosspost.member..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.crosspost.process..", "dev.crosspost.web..",
                    "dev.crosspost.security..")
            .because("member/ is the directory every feature reads; it reads none of them");

    @ArchTest
    static final ArchRule clusterKnowsNoFeature = noClasses().that().resideInAPackage("dev.crosspost.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.crosspost.process..", "dev.crosspost.member..",
                    "dev.crosspost.web..", "dev.crosspost.security..")
            .orShould().dependOnClassesThat(resideInAPackage("dev.crosspost.message..").and(DescribedPredicate.not(
                    JavaClass.Predicates.INTERFACES)))
            .because("cluster/ (who holds the bot, notifications to every node) is infrastructure the features use; "
                    + "of the core it knows only the ports it implements (the outbox's nudge)");

    @ArchTest
    static final ArchRule coreKnowsNoInfrastructurePackage = noClasses().that()
            .resideInAPackage("dev.crosspost.message..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.crosspost.cluster..", "dev.crosspost.cockpit..",
                    "dev.crosspost.moderation..")
            .because("the core defines ports (OutboxNudge, SendCap, DeliveryFailures, Queues) that infrastructure "
                    + "and features implement; it imports none of them");

    @ArchTest
    static final ArchRule signOnLivesInSecurity = noClasses().that().resideOutsideOfPackage("dev.crosspost.security..")
            .should().dependOnClassesThat().resideInAnyPackage("org.camunda.bpm.webapp.impl.security..",
                    "org.camunda.bpm.engine.rest.security..")
            .because("who is logged in to /engine-rest and Camunda's webapps (single sign-on with Crosspost's own "
                    + "login) is security/'s business");

    @ArchTest
    static final ArchRule adminPagesReadThroughTheStores = noClasses().that()
            .resideInAnyPackage("dev.crosspost.channels..", "dev.crosspost.cockpit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
            .because("the channel overview, its gauges and Cockpit's dashboard share one read model "
                    + "(message/MessageFigures, message/outbox/OutboxFigures) over the stores, instead of each "
                    + "counting the tables its own way");

    @ArchTest
    static final ArchRule theOutboxBuildsOnTheCoreOnly = noClasses().that()
            .resideInAPackage("dev.crosspost.message.outbox..")
            .should().dependOnClassesThat(resideInAPackage("dev.crosspost..").and(resideOutsideOfPackages(
                    "dev.crosspost.message..", "dev.crosspost.util..")))
            .because("the outbox engine knows messages, addresses and ports; infrastructure it needs (the nudge) "
                    + "and policies of a channel (the SMS cap) come in through ports it or the core defines");

    @ArchTest
    static final ArchRule cockpitKnowsNoFeature = noClasses().that().resideInAPackage("dev.crosspost.cockpit..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.crosspost.process..", "dev.crosspost.web..",
                    "dev.crosspost.security..", "dev.crosspost.bot..")
            .because("the Cockpit plugin's read side reads the core's read model and Camunda's history, nothing else");

    @ArchTest
    static final ArchRule camundaIsUsedInFourPackages = noClasses().that()
            .resideOutsideOfPackages("dev.crosspost.process..", "dev.crosspost.member..", "dev.crosspost.security..",
                    "dev.crosspost.cockpit..")
            .should().dependOnClassesThat().resideInAPackage("org.camunda..")
            .because("docs/architecture.md names the packages that use the Camunda API: the delegates and queues "
                    + "(process/), the directory (member/), logins and the webapps' sign-on (security/), the Cockpit "
                    + "plugin (cockpit/)");

    /** {@code crosspost.xmpp} was bound by two records in two packages; one record per prefix is the rule. */
    @ArchTest
    static void onePropertiesRecordPerPrefix(JavaClasses classes) {
        Map<String, List<String>> byPrefix = classes.stream()
                .filter(c -> c.isAnnotatedWith(ConfigurationProperties.class))
                .collect(Collectors.groupingBy(c -> prefix(c.getAnnotationOfType(ConfigurationProperties.class)),
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        assertThat(byPrefix).isNotEmpty().allSatisfy((prefix, records) -> assertThat(records)
                .as("records bound to %s", prefix).hasSize(1));
    }

    private static String prefix(ConfigurationProperties p) {
        return p.prefix().isEmpty() ? p.value() : p.prefix();
    }

    /** Crosspost's settings come through their prefix's record, never one by one with {@code @Value}. */
    @ArchTest
    static void noSettingIsReadWithValue(JavaClasses classes) {
        List<String> read = classes.stream().flatMap(c -> Stream.concat(
                        c.getCodeUnits().stream().flatMap(u -> u.getParameters().stream()
                                .flatMap(p -> p.tryGetAnnotationOfType(Value.class).stream())
                                .filter(v -> v.value().contains("${crosspost."))
                                .map(v -> u.getFullName() + " " + v.value())),
                        c.getFields().stream().flatMap(f -> f.tryGetAnnotationOfType(Value.class).stream()
                                .filter(v -> v.value().contains("${crosspost."))
                                .map(v -> f.getFullName() + " " + v.value()))))
                .toList();
        assertThat(read).as("@Value on crosspost.* settings").isEmpty();
    }

    @ArchTest
    static final ArchRule coreDoesNotReachIntoTheOutbox = noClasses().that().resideInAPackage("dev.crosspost.message")
            .should().dependOnClassesThat().resideInAPackage("dev.crosspost.message.outbox..")
            .because("message/ holds messages, addresses, ports and the Inbox; the outbox engine builds on them, "
                    + "not the other way round");

    @ArchTest
    static final ArchRule moderationKnowsNoFeature = noClasses().that().resideInAPackage("dev.crosspost.moderation..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.crosspost.process..", "dev.crosspost.web..",
                    "dev.crosspost.security..")
            .because("moderation/ is the rule and record of deletions that shoutbox/ and story/ share; it knows neither");

    @ArchTest
    static final ArchRule webKnowsNoFeature = noClasses().that().resideInAPackage("dev.crosspost.web..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.crosspost.process..", "dev.crosspost.security..")
            .because("web/ is the HTTP edge: it maps refusals to statuses and resolves the member, for every feature");

    @ArchTest
    static final ArchRule securityKnowsNoFeature = noClasses().that().resideInAPackage("dev.crosspost.security..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.crosspost.process..", "dev.crosspost.message..")
            .because("security/ guards the HTTP edge (login, headers, limits) and knows no feature");

    @ArchTest
    static final ArchRule featuresDoNotKnowTheEdge = noClasses().that().resideInAnyPackage(FEATURES)
            .or().resideInAnyPackage("dev.crosspost.member..", "dev.crosspost.message..", "dev.crosspost.moderation..")
            .should().dependOnClassesThat().resideInAPackage("dev.crosspost.security..")
            .because("login and HTTP security are the edge's business; features get the logged-in Member");

    @ArchTest
    static final ArchRule refusalsAreALeaf = noClasses().that().resideInAPackage("dev.crosspost.refusal..")
            .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.crosspost.refusal..")
            .because("refusals are plain domain exceptions that every layer may throw or catch; HTTP is web/'s");

    @ArchTest
    static final ArchRule onlyProcessUsesTheDelegateApi = noClasses().that()
            .resideOutsideOfPackage("dev.crosspost.process..")
            .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.delegate..")
            .because("process/ holds the delegates: the only code that knows it runs inside a BPMN task");

    @ArchTest
    static final ArchRule featuresDoNotCallProcess = noClasses().that().resideInAnyPackage(FEATURES)
            .or().resideInAnyPackage("dev.crosspost.message..", "dev.crosspost.member..", "dev.crosspost.web..",
                    "dev.crosspost.security..")
            .should().dependOnClassesThat().resideInAPackage("dev.crosspost.process..")
            .because("the arrows point inward: process/ calls the features' services, never the other way round");
}
