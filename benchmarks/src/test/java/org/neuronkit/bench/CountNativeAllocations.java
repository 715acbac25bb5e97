package org.neuronkit.bench;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** JUnit extension: {@link NativeAllocations} counts during each test of the class, as under its profiler. */
final class CountNativeAllocations implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        NativeAllocations.enabled = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        NativeAllocations.enabled = false;
    }
}
