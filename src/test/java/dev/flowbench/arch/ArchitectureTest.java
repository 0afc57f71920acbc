package dev.flowbench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of ui-architecture.md, held by the compiled classes themselves. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.flowbench");
    }

    @Test
    void theEngineAndBothDoorsLayersImportNoJavaFx() {
        noClasses().that().resideInAnyPackage("dev.flowbench.flow..", "dev.flowbench.engine..", "dev.flowbench.runner..",
                        "dev.flowbench.cache..", "dev.flowbench.store..", "dev.flowbench.app..", "dev.flowbench.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fxmisc..", "atlantafx..", "org.kordamp..")
                .check(classes);
    }

    @Test
    void nothingOutsideTheUiImportsTheUiButTheLauncher() {
        noClasses().that().resideOutsideOfPackage("dev.flowbench.ui..")
                .and().doNotHaveFullyQualifiedName("dev.flowbench.Launcher")
                .should().dependOnClassesThat().resideInAPackage("dev.flowbench.ui..")
                .check(classes);
    }

    @Test
    void theUiNeverReachesIntoTheCommandLine() {
        noClasses().that().resideInAPackage("dev.flowbench.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.flowbench.cli..")
                .check(classes);
    }

    @Test
    void viewModelsImportNoScene() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.fxmisc..")
                .check(classes);
    }

    @Test
    void theUiTaskExecutorsInterfaceNeedsNoToolkit() {
        noClasses().that().haveFullyQualifiedName("dev.flowbench.ui.app.UiTasks")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }
}
