package org.infoprob;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of the library, as the {@code package-info.java} of each package states them:
 *
 * <pre>
 *   math           plain Java: no Flink, nothing else of ours
 *   model          Flink POJOs: Flink's type classes only, nothing else of ours
 *   window         state classes kept at their 0.1 names (savepoints store them): java, math
 *   internal       shared machinery (validation rules, dead letters, the Jackson factory): math, model
 *   scores, information, calibration   operator families: math, model, internal; no JSON; not each other
 *   serde          Kafka records &lt;-&gt; events: model, internal, Jackson; no operator family
 *   sql            SQL functions: math, model, internal; no operator family, no JSON
 * </pre>
 *
 * and no cycles between packages. A wrong import fails one of these tests with the offending
 * class and line.
 */
class ArchitectureTest {

    private static final String MATH = "org.infoprob.math..";
    private static final String MODEL = "org.infoprob.model..";
    private static final String INTERNAL = "org.infoprob.internal..";
    private static final String WINDOW = "org.infoprob.window..";
    private static final String SCORES = "org.infoprob.scores..";
    private static final String INFORMATION = "org.infoprob.information..";
    private static final String CALIBRATION = "org.infoprob.calibration..";
    private static final String SERDE = "org.infoprob.serde..";
    private static final String SQL = "org.infoprob.sql..";
    private static final String JACKSON = "org.apache.flink.shaded.jackson2.com.fasterxml.jackson..";

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.infoprob");
    }

    private static void check(ArchRule rule) {
        rule.check(library);
    }

    @Test
    void mathIsPlainJava() {
        check(classes()
                .that().resideInAPackage(MATH)
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(MATH, "java..", "jdk.incubator.vector..")
                .because("the maths is usable without Flink and the operators stay thin wrappers"));
    }

    @Test
    void modelKnowsNothingOfOursButFlinkTypes() {
        check(classes()
                .that().resideInAPackage(MODEL)
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(
                        MODEL, "java..", "org.apache.flink.annotation..", "org.apache.flink.api..",
                        "org.apache.flink.util..")
                .because("events are plain Flink POJOs; rendering and rules live elsewhere"));
    }

    @Test
    void windowHoldsOnlyState() {
        check(classes()
                .that().resideInAPackage(WINDOW)
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(WINDOW, MATH, "java..", "org.apache.flink.annotation..")
                .because("it exists only so that 0.1 savepoints find their state class"));
    }

    @Test
    void internalServesTheLayersAboveIt() {
        check(noClasses()
                .that().resideInAPackage(INTERNAL)
                .should().dependOnClassesThat()
                .resideInAnyPackage(SCORES, INFORMATION, CALIBRATION, SERDE, SQL));
    }

    @Test
    void operatorsKnowNoJson() {
        check(noClasses()
                .that().resideInAnyPackage(SCORES, INFORMATION, CALIBRATION, SQL)
                .should().dependOnClassesThat().resideInAnyPackage(JACKSON, SERDE)
                .because("operators work on events; JSON belongs to serde and internal.EventJson"));
    }

    @Test
    void jsonIsFlinksRelocatedJackson() {
        check(noClasses()
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml..")
                .because("the library must not constrain its users' own Jackson version: Flink ships"
                        + " its relocated Jackson (flink-shaded-jackson) on every class path"));
    }

    @Test
    void operatorFamiliesAreIndependent() {
        check(noClasses().that().resideInAPackage(SCORES)
                .should().dependOnClassesThat().resideInAnyPackage(INFORMATION, CALIBRATION, SQL));
        check(noClasses().that().resideInAPackage(INFORMATION)
                .should().dependOnClassesThat().resideInAnyPackage(SCORES, CALIBRATION, SQL));
        check(noClasses().that().resideInAPackage(CALIBRATION)
                .should().dependOnClassesThat().resideInAnyPackage(SCORES, INFORMATION, SQL));
        check(noClasses().that().resideInAPackage(SQL)
                .should().dependOnClassesThat().resideInAnyPackage(SCORES, INFORMATION, CALIBRATION));
    }

    @Test
    void serdeKnowsNoOperator() {
        check(noClasses()
                .that().resideInAPackage(SERDE)
                .should().dependOnClassesThat().resideInAnyPackage(SCORES, INFORMATION, CALIBRATION, SQL)
                .because("decoders apply the rules in internal, not an operator's"));
    }

    @Test
    void theLibraryNeverImportsTheJobs() {
        check(noClasses()
                .should().dependOnClassesThat().resideInAPackage("org.infoprob.jobs..")
                .allowEmptyShould(true));
    }

    @Test
    void noCyclesBetweenPackages() {
        check(slices().matching("org.infoprob.(*)..").should().beFreeOfCycles());
    }

    @Test
    void internalClassesAreMarkedInternal() {
        check(classes()
                .that().resideInAPackage(INTERNAL).and().arePublic().and().areTopLevelClasses()
                .should().beAnnotatedWith(Internal.class));
    }

    @Test
    void publicApiIsMarkedPublicEvolvingOrInternal() {
        check(classes()
                .that().resideInAnyPackage(MODEL, WINDOW, SCORES, INFORMATION, CALIBRATION, SERDE, SQL)
                .and().arePublic().and().areTopLevelClasses()
                .should().beAnnotatedWith(PublicEvolving.class)
                .orShould().beAnnotatedWith(Internal.class)
                .because("users see at a glance what they may rely on"));
    }
}
