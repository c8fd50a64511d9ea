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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The workflow with the reactive {@code talendWebClient}, used under the {@code reactive}
 * profile. The whole workflow, waits included, is one non-blocking pipeline; only a
 * command-line application blocks at its end.
 *
 * @author talend-sat
 */
@Component
@Profile("reactive")
class WebClientTalendWorkflow implements TalendWorkflow {

	private static final Log logger = LogFactory.getLog(WebClientTalendWorkflow.class);

	private final WebClient talend;

	private final SampleProperties properties;

	WebClientTalendWorkflow(@Qualifier("talendWebClient") WebClient talend, SampleProperties properties) {
		this.talend = talend;
		this.properties = properties;
	}

	@Override
	public Execution run() {
		Execution execution = firstWorkspace().flatMap(this::firstTask)
			.flatMap(this::start)
			.flatMap(this::awaitEnd)
			.block();
		Assert.state(execution != null, "The workflow ended without an execution");
		return execution;
	}

	private Mono<Workspace> firstWorkspace() {
		return this.talend.get()
			.uri("/orchestration/workspaces?query={query}", "environment.name==default")
			.retrieve()
			.bodyToFlux(Workspace.class)
			.next()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("No workspace in the default environment")));
	}

	private Mono<Task> firstTask(Workspace workspace) {
		return this.talend.get()
			.uri("/orchestration/executables/tasks?workspaceId={id}&limit=1&offset=0", workspace.id())
			.retrieve()
			.bodyToMono(TaskPage.class)
			.flatMapIterable(TaskPage::items)
			.next()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("No task in workspace " + workspace.name())))
			.doOnNext((task) -> logger.info("Running task " + task.name() + " of workspace " + workspace.name()));
	}

	private Mono<String> start(Task task) {
		return this.talend.post()
			.uri("/processing/executions")
			.bodyValue(new ExecutionRequest(task))
			.retrieve()
			.bodyToMono(ExecutionStarted.class)
			.map(ExecutionStarted::executionId)
			.doOnNext((executionId) -> logger.info("Started execution " + executionId));
	}

	private Mono<Execution> awaitEnd(String executionId) {
		return this.talend.get()
			.uri("/processing/executions/{id}", executionId)
			.retrieve()
			.bodyToMono(Execution.class)
			.doOnNext((execution) -> logger.info("Execution " + executionId + ": " + execution.executionStatus()))
			.delaySubscription(this.properties.pollInterval())
			.repeat(this.properties.maxPolls() - 1)
			.takeUntil(Execution::hasEnded)
			.last();
	}

}
