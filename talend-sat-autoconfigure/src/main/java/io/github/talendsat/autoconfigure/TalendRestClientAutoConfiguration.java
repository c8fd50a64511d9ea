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

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.client.TalendBearerInterceptor;

/**
 * Auto-configuration of {@code talendRestClient}: a {@link RestClient} from the
 * application's {@link RestClient.Builder}, so that its customizers and observations
 * apply, based at the account's API URL and carrying the account's token. Its request
 * factory follows no redirect, so that the token cannot be carried elsewhere. It is not a
 * default injection candidate, so that it never competes with the application's own
 * {@code RestClient} beans: ask for it with {@code @Qualifier("talendRestClient")}.
 *
 * @author talend-sat
 * @since 0.1.0
 */
@AutoConfiguration(after = TalendServiceAccountAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@ConditionalOnBean(TalendServiceAccount.class)
public final class TalendRestClientAutoConfiguration {

	/**
	 * Name of the {@link RestClient} bean.
	 */
	public static final String REST_CLIENT_BEAN_NAME = "talendRestClient";

	@Bean(name = REST_CLIENT_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = REST_CLIENT_BEAN_NAME)
	RestClient talendRestClient(TalendServiceAccount account, BeanFactory beanFactory) {
		return restClient(beanFactory, account);
	}

	static RestClient restClient(BeanFactory beanFactory, TalendServiceAccount account) {
		// Spring Boot's builder is a prototype, but an application may define a shared
		// one: the account's settings go on a copy, never on the application's builder.
		RestClient.Builder builder = beanFactory.getBeanProvider(RestClient.Builder.class)
			.getIfAvailable(RestClient::builder)
			.clone();
		NonRedirectingHttpClients.configure(builder, beanFactory, null);
		return builder.baseUrl(account.getApiBaseUrl().toString())
			.requestInterceptor(new TalendBearerInterceptor(account))
			.build();
	}

}
