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
package io.github.talendsat.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.github.talendsat.test.TalendCloudEmulator;
import io.github.talendsat.test.TalendCloudEmulator.Account;

/**
 * Starts the Talend Cloud emulator on loopback when no
 * {@code talend.service-account.client-id} is configured, and points the service account
 * at it with the emulator's demo account. The emulator stops with the application
 * context.
 * <p>
 * Its tokens live {@code sample.emulator.token-lifetime}, 12 s by default, so that a run
 * shows a token reused and then renewed ahead of its expiry.
 *
 * @author talend-sat
 */
class TalendCloudEmulatorInitializer implements ApplicationContextInitializer<GenericApplicationContext> {

	private static final Log logger = LogFactory.getLog(TalendCloudEmulatorInitializer.class);

	private static final String BEAN_NAME = "talendCloudEmulator";

	private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(12);

	@Override
	public void initialize(GenericApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (StringUtils.hasText(environment.getProperty("talend.service-account.client-id"))) {
			return;
		}
		Duration tokenLifetime = environment.getProperty("sample.emulator.token-lifetime", Duration.class,
				DEFAULT_TOKEN_LIFETIME);
		Assert.isTrue(tokenLifetime.getSeconds() >= 1 && tokenLifetime.getNano() == 0,
				"sample.emulator.token-lifetime must be a whole number of seconds, at least 1s");
		TalendCloudEmulator emulator = TalendCloudEmulator.builder()
			.account(Account.demo())
			.tokenLifetime(tokenLifetime)
			.build()
			.start();
		DefaultListableBeanFactory beanFactory = context.getDefaultListableBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, emulator);
		beanFactory.registerDisposableBean(BEAN_NAME, emulator::stop);
		environment.getPropertySources()
			.addFirst(new MapPropertySource(BEAN_NAME, properties(emulator, tokenLifetime, environment)));
		logger.info("Running against the Talend Cloud emulator at " + emulator.baseUrl() + ", with tokens that live "
				+ tokenLifetime.getSeconds() + " s; set TALEND_CLIENT_ID, TALEND_CLIENT_SECRET and TALEND_REGION"
				+ " to run against Talend Cloud");
	}

	private static Map<String, Object> properties(TalendCloudEmulator emulator, Duration tokenLifetime,
			ConfigurableEnvironment environment) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("talend.service-account.base-url", emulator.baseUrl());
		properties.put("talend.service-account.client-id", Account.DEMO_CLIENT_ID);
		properties.put("talend.service-account.client-secret", Account.DEMO_CLIENT_SECRET);
		if (!environment.containsProperty("sample.poll-interval")) {
			// The library renews a token in use in the background about 0.8 of its
			// lifetime after obtaining it. Polls 0.35 of a lifetime apart reuse the first
			// token and end with the renewed one, well before that one is renewed too.
			properties.put("sample.poll-interval", tokenLifetime.multipliedBy(7).dividedBy(20));
		}
		return properties;
	}

}
