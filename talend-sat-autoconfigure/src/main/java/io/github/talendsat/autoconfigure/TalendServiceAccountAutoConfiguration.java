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
package io.github.talendsat.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.security.TalendAuthorizedClientManager;
import io.github.talendsat.security.TalendReactiveAuthorizedClientManager;

/**
 * Auto-configuration of a Talend Cloud service account from
 * {@code talend.service-account.*}: the account with its token cache, and Spring Security
 * authorized-client managers served from that cache. The managers pass every other
 * registration id to the manager Spring Security would have built, so an application's
 * own OAuth2 clients keep working.
 *
 * @author talend-sat
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration" })
@ConditionalOnClass({ ClientRegistration.class, tools.jackson.databind.json.JsonMapper.class,
		com.nimbusds.jwt.JWTParser.class })
@ConditionalOnBooleanProperty(name = "talend.service-account.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TalendServiceAccountProperties.class)
@Import(NamedAccountsRegistrar.class)
public final class TalendServiceAccountAutoConfiguration {

	/**
	 * Name of the account configured from {@code talend.service-account.*}.
	 */
	public static final String DEFAULT_ACCOUNT_NAME = TalendServiceAccountPropertiesMapper.DEFAULT_ACCOUNT_NAME;

	@Bean
	TalendServiceAccountPropertiesMapper talendServiceAccountPropertiesMapper(
			ObjectProvider<ObservationRegistry> observations) {
		return new TalendServiceAccountPropertiesMapper(Clock.systemUTC(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(DefaultAccountCondition.class)
	TalendServiceAccount talendServiceAccount(TalendServiceAccountPropertiesMapper mapper,
			TalendServiceAccountProperties properties) {
		return mapper.toDefaultAccount(properties);
	}

	@Bean
	@ConditionalOnMissingBean(OAuth2AuthorizedClientManager.class)
	TalendAuthorizedClientManager talendAuthorizedClientManager(ObjectProvider<TalendServiceAccount> accounts,
			ApplicationContext context) {
		List<TalendServiceAccount> all = accounts.orderedStream(ObjectProvider.UNFILTERED).toList();
		OAuth2ClientFallbacks.checkRegistrationIdsAreFree(all, context);
		return new TalendAuthorizedClientManager(all, () -> OAuth2ClientFallbacks.servlet(context));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Mono.class)
	static class ReactiveManagerConfiguration {

		@Bean
		@ConditionalOnMissingBean(ReactiveOAuth2AuthorizedClientManager.class)
		TalendReactiveAuthorizedClientManager talendReactiveAuthorizedClientManager(
				ObjectProvider<TalendServiceAccount> accounts, ApplicationContext context) {
			List<TalendServiceAccount> all = accounts.orderedStream(ObjectProvider.UNFILTERED).toList();
			OAuth2ClientFallbacks.checkRegistrationIdsAreFree(all, context);
			return new TalendReactiveAuthorizedClientManager(all, () -> OAuth2ClientFallbacks.reactive(context));
		}

	}

}
