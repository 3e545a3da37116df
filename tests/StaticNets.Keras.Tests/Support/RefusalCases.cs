namespace StaticNets.Keras.Tests.Support;

/// <summary>The fixtures StaticNets cannot represent, with the exact lines the reader reports for each.</summary>
internal static class RefusalCases
{
    public static TheoryData<string, string?, string[]> All() => new()
    {
        {
            "k3_subclassed_nested_keras_testdata/pre_pr22362_nested_container.keras", null,
            new[] { "model 'NestedDenseModel' (registered as 'legacy_nested_container>NestedDenseModel'): a subclassed model (its config has no layer list); StaticNets imports Sequential models and Functional models that are a single chain of layers." }
        },
        {
            "k3_subclassed_nested_keras_testdata/extra_keras_repo_artifact_fixed_model.keras", null,
            new[] { "model 'TestModel' (registered as 'KerasTest>TestModel'): a subclassed model (its config has no layer list); StaticNets imports Sequential models and Functional models that are a single chain of layers." }
        },
        {
            "k3_subclassed_nested_keras_testdata/extra_keras_repo_artifact_bugged_model.keras", null,
            new[] { "model 'TestModel' (registered as 'KerasTest>TestModel'): a subclassed model (its config has no layer list); StaticNets imports Sequential models and Functional models that are a single chain of layers." }
        },
        {
            "k2_gru_initial_state_fdeep/temp_stateless.h5", null,
            new[]
            {
                "model: 2 inputs (input_1, input_2); StaticNets models take one input.",
                "layer 'gru' (GRU): takes 2 input tensors (input_1, input_2), e.g. an initial_state; StaticNets layers take one.",
            }
        },
        {
            "k2_gru_initial_state_fdeep/temp_stateful.h5", null,
            new[]
            {
                "model: 2 inputs (input_1, input_2); StaticNets models take one input.",
                "layer 'gru_1' (GRU): takes 2 input tensors (input_1, input_2), e.g. an initial_state; StaticNets layers take one.",
                "layer 'gru_1' (GRU): stateful = true (StaticNets keeps state only in streaming Step, not across Predict calls) is not supported.",
            }
        },
    };
}
