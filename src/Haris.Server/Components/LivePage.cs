using System.Security.Claims;
using Haris.Server.Pipeline;
using Haris.Server.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace Haris.Server.Components;

/// <summary>
/// A page that loads its data, then reloads it when the live feed says something it shows has changed — at most once
/// per <see cref="Throttle"/>, so a burst of alerts costs one query and one render — and, when it shows figures no
/// update announces (crowd counts), every <see cref="Poll"/>.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _subscription;
    private ITimer? _throttle;
    private ITimer? _poll;
    private int _pending;

    /// <summary>The shortest time between two reloads.</summary>
    protected static readonly TimeSpan Throttle = TimeSpan.FromSeconds(1);

    [Inject]
    private LiveFeed Feed { get; set; } = null!;

    /// <summary>The server's clock (the exercise clock when one runs).</summary>
    [Inject]
    protected TimeProvider Time { get; set; } = null!;

    /// <summary>The UI text in the person's language.</summary>
    [Inject]
    protected IStringLocalizer<Ui> L { get; set; } = null!;

    /// <summary>The person's language.</summary>
    [Inject]
    protected UiLanguage Language { get; set; } = null!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = null!;

    /// <summary>Who is looking, as the API handlers expect the caller.</summary>
    protected ClaimsPrincipal Caller { get; private set; } = new(new ClaimsIdentity());

    /// <summary>Cancelled when the page goes away.</summary>
    protected CancellationToken Stopping => _stopping.Token;

    /// <summary>How often to reload regardless of updates; null (the default) for only on updates.</summary>
    protected virtual TimeSpan? Poll => null;

    /// <summary>Whether the caller holds one of <paramref name="roles"/>.</summary>
    protected bool May(IEnumerable<string> roles) => roles.Any(Caller.IsInRole);

    /// <summary>Whether an update concerns what the page shows; by default every update does.</summary>
    protected virtual bool Wants(LiveUpdate update) => true;

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task LoadAsync();

    protected override async Task OnInitializedAsync()
    {
        Caller = (await AuthenticationState.ConfigureAwait(true)).User;
        await LoadAsync().ConfigureAwait(true);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only the interactive render subscribes: a prerender has nobody to push to.
        if (firstRender && RendererInfo.IsInteractive)
        {
            _throttle = Time.CreateTimer(_ => _ = ReloadAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _subscription = Feed.Subscribe(OnUpdate);
            if (Poll is { } every)
            {
                _poll = Time.CreateTimer(_ => _ = ReloadAsync(), null, every, every);
            }
        }
    }

    /// <summary>Reloads now and renders.</summary>
    protected async Task ReloadAsync()
    {
        Interlocked.Exchange(ref _pending, 0);
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await InvokeAsync(async () =>
            {
                await LoadAsync().ConfigureAwait(true);
                StateHasChanged();
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The page closed while it reloaded.
        }
    }

    private void OnUpdate(LiveUpdate update)
    {
        // Runs on the publisher's thread: note it and return; the timer does the work on the page's context.
        if (Wants(update) && Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _throttle?.Change(Throttle, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _subscription?.Dispose();
            _throttle?.Dispose();
            _poll?.Dispose();
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }
}
