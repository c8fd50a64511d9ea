/*
 * Copyright 2026 the talend-sat authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
/**
 * A Talend Cloud emulator on a loopback port, for tests of code that obtains Talend Cloud
 * service-account tokens and calls the Talend Cloud API with them.
 * <p>
 * {@link io.github.talendsat.test.TalendCloudEmulator} is the entry point,
 * {@link io.github.talendsat.test.TalendCloudEmulatorExtension} runs one for a JUnit test
 * class, and {@link io.github.talendsat.test.TalendCloudEmulatorApplication} runs one as
 * a standalone process. The emulator shares no code with the client side of this project,
 * so that a client defect cannot hide behind the same defect in the emulator.
 */
@NullMarked
package io.github.talendsat.test;

import org.jspecify.annotations.NullMarked;
