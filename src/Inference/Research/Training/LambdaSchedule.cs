namespace EmoStream.Inference.Training;

public enum LambdaSchedule
{
    Constant,
    Ramp,
}
