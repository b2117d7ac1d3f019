package io.digitnet.ml;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.connect.proto.Command;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.MlCommand;
import org.apache.spark.connect.proto.MlCommandResult;
import org.apache.spark.connect.proto.MlOperator;
import org.apache.spark.connect.proto.MlParams;
import org.apache.spark.connect.proto.MlRelation;
import org.apache.spark.connect.proto.ObjectRef;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Read;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;
import org.apache.spark.connect.proto.WriteOperation;
import org.apache.spark.sql.connect.common.LiteralValueProtoConverter;
import org.sparkproject.connect.grpc.ManagedChannel;
import org.sparkproject.connect.grpc.ManagedChannelBuilder;

/**
 * A remote client of a Spark Connect server, speaking its gRPC protocol with the messages
 * PySpark's ML client sends (Spark's JVM client has no ML API): fit an estimator named by its
 * class, call a model's methods, transform through a cached model, save and load by name.
 */
final class ConnectClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub;
    private final String sessionId = UUID.randomUUID().toString();

    ConnectClient(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = SparkConnectServiceGrpc.newBlockingStub(channel);
    }

    /** Params as a client sends them: literals, converted as Spark's own client converts them. */
    static MlParams params(Map<String, Object> values) {
        MlParams.Builder params = MlParams.newBuilder();
        values.forEach((name, value) -> params.putParams(name, LiteralValueProtoConverter.toLiteralProto(value)));
        return params.build();
    }

    static Relation parquet(String path) {
        return Relation.newBuilder()
                .setRead(Read.newBuilder().setDataSource(Read.DataSource.newBuilder().setFormat("parquet").addPaths(path)))
                .build();
    }

    /** fit(dataset) of the estimator class named: the id of the model the server keeps. */
    String fit(String estimator, String uid, MlParams params, Relation dataset) {
        MlOperator operator = MlOperator.newBuilder().setName(estimator).setUid(uid)
                .setType(MlOperator.OperatorType.OPERATOR_TYPE_ESTIMATOR).build();
        return ml(MlCommand.newBuilder()
                .setFit(MlCommand.Fit.newBuilder().setEstimator(operator).setParams(params).setDataset(dataset))
                .build()).getOperatorInfo().getObjRef().getId();
    }

    /** A method of a kept model called without arguments, its answer as a client receives it. */
    MlCommandResult fetch(String model, String method) {
        return ml(MlCommand.newBuilder()
                .setFetch(org.apache.spark.connect.proto.Fetch.newBuilder()
                        .setObjRef(ObjectRef.newBuilder().setId(model))
                        .addMethods(org.apache.spark.connect.proto.Fetch.Method.newBuilder().setMethod(method)))
                .build());
    }

    /** model.write().overwrite().save(path) of a kept model. */
    void save(String model, String path) {
        ml(MlCommand.newBuilder()
                .setWrite(MlCommand.Write.newBuilder().setObjRef(ObjectRef.newBuilder().setId(model))
                        .setPath(path).setShouldOverwrite(true))
                .build());
    }

    /** load(path) of the model class named: the server's answer (the kept model's id, its uid and Params). */
    MlCommandResult.MlOperatorInfo load(String modelClass, String path) {
        MlOperator operator = MlOperator.newBuilder().setName(modelClass)
                .setType(MlOperator.OperatorType.OPERATOR_TYPE_MODEL).build();
        return ml(MlCommand.newBuilder()
                .setRead(MlCommand.Read.newBuilder().setOperator(operator).setPath(path))
                .build()).getOperatorInfo();
    }

    /** transform(input) through a kept model, written to Parquet at path as df.write.parquet(path) does. */
    void transformToParquet(String model, MlParams params, Relation input, String path) {
        Relation transformed = Relation.newBuilder()
                .setMlRelation(MlRelation.newBuilder().setTransform(MlRelation.Transform.newBuilder()
                        .setObjRef(ObjectRef.newBuilder().setId(model)).setInput(input).setParams(params)))
                .build();
        execute(Command.newBuilder()
                .setWriteOperation(WriteOperation.newBuilder().setInput(transformed).setSource("parquet")
                        .setPath(path).setMode(WriteOperation.SaveMode.SAVE_MODE_OVERWRITE))
                .build());
    }

    private MlCommandResult ml(MlCommand command) {
        for (ExecutePlanResponse response : execute(Command.newBuilder().setMlCommand(command).build())) {
            if (response.hasMlCommandResult()) {
                return response.getMlCommandResult();
            }
        }
        throw new AssertionError("the server answered " + command.getCommandCase() + " with no ML result");
    }

    private List<ExecutePlanResponse> execute(Command command) {
        ExecutePlanRequest request = ExecutePlanRequest.newBuilder()
                .setSessionId(sessionId)
                .setUserContext(UserContext.newBuilder().setUserId("digitnet-test"))
                .setClientType("digitnet-test")
                .setPlan(Plan.newBuilder().setCommand(command))
                .build();
        List<ExecutePlanResponse> responses = new ArrayList<>();
        Iterator<ExecutePlanResponse> stream = stub.executePlan(request);
        stream.forEachRemaining(responses::add);
        return responses;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdown().awaitTermination(10, TimeUnit.SECONDS);
    }
}
