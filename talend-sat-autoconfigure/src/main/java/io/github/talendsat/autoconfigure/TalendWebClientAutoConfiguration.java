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

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.client.TalendBearerExchangeFilterFunction;

/**
 * Auto-configuration of {@code talendWebClient}: a {@link WebClient} from the
 * application's {@link WebClient.Builder}, so that its customizers and observations
 * apply, based at the account's API URL and carrying the account's token without
 * blocking. It is not a default injection candidate, so that it never competes with the
 * application's own {@code WebClient} beans: ask for it with
 * {@code @Qualifier("talendWebClient")}.
 *
 * @author talend-sat
 * @since 0.1.0
 */
@AutoConfiguration(after = TalendServiceAccountAutoConfiguration.class,
		afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass({ WebClient.class, Mono.class })
@ConditionalOnBean(TalendServiceAccount.class)
public final class TalendWebClientAutoConfiguration {

	/**
	 * Name of the {@link WebClient} bean.
	 */
	public static final String WEB_CLIENT_BEAN_NAME = "talendWebClient";

	@Bean(name = WEB_CLIENT_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = WEB_CLIENT_BEAN_NAME)
	WebClient talendWebClient(TalendServiceAccount account, BeanFactory beanFactory) {
		return webClient(beanFactory, account);
	}

	static WebClient webClient(BeanFactory beanFactory, TalendServiceAccount account) {
		// Spring Boot's builder is a prototype, but an application may define a shared
		// one: the account's settings go on a copy, never on the application's builder.
		WebClient.Builder builder = beanFactory.getBeanProvider(WebClient.Builder.class)
			.getIfAvailable(WebClient::builder)
			.clone();
		NonRedirectingHttpClients.configure(builder, beanFactory, null);
		return builder.baseUrl(account.getApiBaseUrl().toString())
			.filter(new TalendBearerExchangeFilterFunction(account))
			.build();
	}

}
