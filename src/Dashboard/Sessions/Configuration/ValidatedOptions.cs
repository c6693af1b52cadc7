using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EmoStream.Sessions.Configuration;

/// <summary>
/// Binds a section once through <see cref="IOptions{TOptions}"/> and checks it when the host starts
/// (<c>ValidateOnStart</c>); a failure names the key, the value and what is accepted, as the settings' own checks
/// word it (<see cref="OptionsValidationException.Failures"/>).
/// </summary>
public static class ValidatedOptions
{
    /// <param name="problem">What is wrong with the bound value, or null; it may also throw a configuration exception with that text.</param>
    public static IServiceCollection AddValidated<T>(this IServiceCollection services, IConfiguration configuration, string section,
        Func<T, string?>? problem = null) where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section));
        return problem is null ? services.AddCheck<T>(_ => null) : services.AddCheck(problem);
    }

    /// <summary>Checks at start-up options bound elsewhere (for instance by <c>AddCapture</c>), without binding them again.</summary>
    public static IServiceCollection AddCheck<T>(this IServiceCollection services, Func<T, string?> problem) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new Check<T>(problem));
        services.AddOptions<T>().ValidateOnStart();
        return services;
    }

    /// <summary>Runs an options class's own check, which throws an exception naming the setting: null when it passes.</summary>
    public static string? Thrown(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e.Message;
        }
    }

    /// <summary>Checks every option registered with <c>ValidateOnStart</c>, as a host does when it starts (for verbs that run without one).</summary>
    /// <exception cref="OptionsValidationException">A setting is not accepted.</exception>
    public static void ValidateNow(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    private sealed class Check<T>(Func<T, string?> problem) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problem(options) is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;
    }
}
