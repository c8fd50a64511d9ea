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
package io.github.talendsat.test;

import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that runs a {@link TalendCloudEmulator} for a test class: it
 * starts the emulator before all tests, {@linkplain TalendCloudEmulator#reset() resets}
 * it before each test, stops it after all tests, and resolves {@code TalendCloudEmulator}
 * parameters. <pre class="code">
 * &#64;RegisterExtension
 * static TalendCloudEmulatorExtension talend = TalendCloudEmulatorExtension.withAccount("id", "secret");
 *
 * &#64;Test
 * void callWhenTokenValidThenOk(TalendCloudEmulator emulator) {
 *     // point the client at emulator.baseUrl()
 * }
 * </pre>
 * <p>
 * {@link #emulator()} starts the emulator on first use, so its URL can be read before the
 * tests run, for instance by a dynamic property source. Registered on an instance field
 * or through {@code @ExtendWith}, the extension starts and stops the emulator around each
 * test instead; {@code @ExtendWith} uses the {@linkplain Account#demo() demo account}.
 *
 * @since 0.1.0
 */
public final class TalendCloudEmulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final TalendCloudEmulator emulator;

	private int classLevels;

	private boolean startedForOneTest;

	/**
	 * Create an extension whose emulator has the demo account, for use with
	 * {@code @ExtendWith}.
	 */
	public TalendCloudEmulatorExtension() {
		this(TalendCloudEmulator.builder().account(Account.demo()));
	}

	/**
	 * Create an extension whose emulator is built by the given builder.
	 * @param builder the emulator builder
	 */
	public TalendCloudEmulatorExtension(TalendCloudEmulator.Builder builder) {
		this.emulator = Check.notNull(builder, "builder").build();
	}

	/**
	 * Create an extension whose emulator has one account with both permissions.
	 * @param clientId the client id
	 * @param clientSecret the client secret
	 * @return the extension
	 */
	public static TalendCloudEmulatorExtension withAccount(String clientId, String clientSecret) {
		return new TalendCloudEmulatorExtension(TalendCloudEmulator.builder().account(clientId, clientSecret));
	}

	/**
	 * Return the emulator, started.
	 * @return the emulator
	 */
	public synchronized TalendCloudEmulator emulator() {
		return this.emulator.start();
	}

	/**
	 * Return the emulator's API base URL, starting it if needed.
	 * @return the base URL
	 */
	public String baseUrl() {
		return emulator().baseUrl();
	}

	/**
	 * Return the emulator's token endpoint URL, starting it if needed.
	 * @return the token endpoint URL
	 */
	public String tokenUri() {
		return emulator().tokenUri();
	}

	@Override
	public synchronized void beforeAll(ExtensionContext context) {
		// Nested test classes inherit the extension: only the outermost class starts and
		// stops.
		this.classLevels++;
		emulator();
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		this.classLevels--;
		if (this.classLevels == 0) {
			this.emulator.stop();
		}
	}

	@Override
	public synchronized void beforeEach(ExtensionContext context) {
		this.startedForOneTest = this.classLevels == 0;
		emulator().reset();
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		if (this.startedForOneTest) {
			this.emulator.stop();
			this.startedForOneTest = false;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == TalendCloudEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return emulator();
	}

}
