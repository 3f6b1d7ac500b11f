export type Overlay = 'palette' | 'problems' | 'export' | 'about' | null;

/** Which overlay is open and the transient notice ("Copied run ID"). */
export interface UiSlice {
  overlay: Overlay;
  toast: { id: number; text: string; tone: 'info' | 'error' } | null;
}

export const initialUiState: UiSlice = { overlay: null, toast: null };

